package grading

// TieredLadderConfig grades on one metric against ascending rungs, like the
// store membership ladder of seed 000 (new → regular → silver → gold →
// diamond by cumulative spend). It is a single_factor model with one period
// of weight 100, kept as its own kind so presets, the model editor and
// stored explanations say "ladder" rather than "blend of one period".
//
// Thresholds are listed from the top rung down; the last omits min and is
// the entry rung (e.g. "new").
type TieredLadderConfig struct {
	Metric       MetricName       `json:"metric"`
	Thresholds   []ValueThreshold `json:"thresholds"`
	ClassMapping ClassMapping     `json:"class_mapping"`
}

// Kind implements Config.
func (c *TieredLadderConfig) Kind() Kind { return KindTieredLadder }

// Validate implements Config.
func (c *TieredLadderConfig) Validate() error {
	v := &validator{kind: KindTieredLadder}
	v.metric("metric", c.Metric)
	validateValueThresholds(v, "thresholds", c.Thresholds)
	c.ClassMapping.validate(v, valueThresholdLevels(c.Thresholds))
	return v.err()
}

// Compile implements Config.
func (c *TieredLadderConfig) Compile() (Model, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return newBlendModel(KindTieredLadder, []WeightedPeriod{{Metric: c.Metric, Weight: weightTotal}}, c.Thresholds, c.ClassMapping)
}

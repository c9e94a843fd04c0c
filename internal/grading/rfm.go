package grading

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// RFMConfig scores recency, frequency and monetary value 1–5 by quintiles
// over the population and assigns the first segment whose rules match the
// three scores, or DefaultSegment when none does.
//
// Scoring: accounts are sorted by each metric (recency: fewer days is better;
// frequency and monetary: more is better) and scored by mid-rank,
// score = 1 + floor(5 × (accounts worse + half the tie group) / accounts with
// a value). With distinct values this is exact quintiles; tied accounts
// share the quintile of their middle, so a block of identical values (say
// 40% of accounts with zero orders) is neither flattered nor punished by an
// arbitrary split. An account lacking the metric (never ordered) scores 1 and
// does not take a place among the others.
//
// The default segments (see DefaultRFMSegments) follow the common RFM
// segmentation: champions, loyal, cant_lose, at_risk, potential_loyalists,
// new_customers, need_attention and the default hibernating.
type RFMConfig struct {
	RecencyMetric   MetricName   `json:"recency_metric"`
	FrequencyMetric MetricName   `json:"frequency_metric"`
	MonetaryMetric  MetricName   `json:"monetary_metric"`
	Segments        []RFMSegment `json:"segments"`
	DefaultSegment  string       `json:"default_segment"`
	ClassMapping    ClassMapping `json:"class_mapping"`
}

// RFMSegment matches accounts whose R, F and M scores all fall within the
// given inclusive ranges.
type RFMSegment struct {
	Name string     `json:"name"`
	R    ScoreRange `json:"r,omitzero"`
	F    ScoreRange `json:"f,omitzero"`
	M    ScoreRange `json:"m,omitzero"`
}

// ScoreRange is an inclusive range of 1–5 scores; 0 (omitted) leaves that
// end open.
type ScoreRange struct {
	Min int `json:"min,omitempty"`
	Max int `json:"max,omitempty"`
}

func (r ScoreRange) contains(score int) bool {
	return (r.Min == 0 || score >= r.Min) && (r.Max == 0 || score <= r.Max)
}

func (r ScoreRange) describe(dimension string) string {
	switch {
	case r.Min == 0 && r.Max == 0:
		return ""
	case r.Min == r.Max:
		return fmt.Sprintf("%s=%d", dimension, r.Min)
	case r.Max == rfmMinScore:
		return fmt.Sprintf("%s=%d", dimension, rfmMinScore)
	case r.Min == rfmMaxScore:
		return fmt.Sprintf("%s=%d", dimension, rfmMaxScore)
	case r.Max == 0:
		return fmt.Sprintf("%s≥%d", dimension, r.Min)
	case r.Min == 0:
		return fmt.Sprintf("%s≤%d", dimension, r.Max)
	}
	return fmt.Sprintf("%d≤%s≤%d", r.Min, dimension, r.Max)
}

// Default RFM segment names.
const (
	SegmentChampions          = "champions"
	SegmentLoyal              = "loyal"
	SegmentCantLose           = "cant_lose"
	SegmentAtRisk             = "at_risk"
	SegmentPotentialLoyalists = "potential_loyalists"
	SegmentNewCustomers       = "new_customers"
	SegmentNeedAttention      = "need_attention"
	SegmentHibernating        = "hibernating"
)

// DefaultRFMSegments returns the default rules, first match wins; accounts
// matching none (R ≤ 2 and F ≤ 2) are hibernating:
//
//	champions            R≥4 F≥4 M≥4  bought recently, often, a lot
//	loyal                R≥3 F≥4      buy often
//	cant_lose            R=1 F≥4 M≥4  were among the best, gone quiet
//	at_risk              R≤2 F≥3      used to buy often, not lately
//	potential_loyalists  R≥4 2≤F≤3    recent, buying again
//	new_customers        R≥4 F=1      recent first purchases
//	need_attention       R=3 F≤3      average, slipping
func DefaultRFMSegments() []RFMSegment {
	return []RFMSegment{
		{Name: SegmentChampions, R: ScoreRange{Min: 4}, F: ScoreRange{Min: 4}, M: ScoreRange{Min: 4}},
		{Name: SegmentLoyal, R: ScoreRange{Min: 3}, F: ScoreRange{Min: 4}},
		{Name: SegmentCantLose, R: ScoreRange{Max: 1}, F: ScoreRange{Min: 4}, M: ScoreRange{Min: 4}},
		{Name: SegmentAtRisk, R: ScoreRange{Max: 2}, F: ScoreRange{Min: 3}},
		{Name: SegmentPotentialLoyalists, R: ScoreRange{Min: 4}, F: ScoreRange{Min: 2, Max: 3}},
		{Name: SegmentNewCustomers, R: ScoreRange{Min: 4}, F: ScoreRange{Max: 1}},
		{Name: SegmentNeedAttention, R: ScoreRange{Min: 3, Max: 3}, F: ScoreRange{Max: 3}},
	}
}

const (
	rfmMinScore = 1
	rfmMaxScore = 5
)

// Kind implements Config.
func (c *RFMConfig) Kind() Kind { return KindRFM }

// Validate implements Config.
func (c *RFMConfig) Validate() error {
	v := &validator{kind: KindRFM}
	v.metric("recency_metric", c.RecencyMetric)
	v.metric("frequency_metric", c.FrequencyMetric)
	v.metric("monetary_metric", c.MonetaryMetric)
	if len(c.Segments) == 0 {
		v.addf("segments", "needs at least one segment")
	}
	for i, segment := range c.Segments {
		path := fmt.Sprintf("segments[%d]", i)
		for _, dimension := range []struct {
			name  string
			scope ScoreRange
		}{{"r", segment.R}, {"f", segment.F}, {"m", segment.M}} {
			rangePath := path + "." + dimension.name
			if dimension.scope.Min < 0 || dimension.scope.Min > rfmMaxScore {
				v.addf(rangePath+".min", "must be between 1 and 5 (or omitted)")
			}
			if dimension.scope.Max < 0 || dimension.scope.Max > rfmMaxScore {
				v.addf(rangePath+".max", "must be between 1 and 5 (or omitted)")
			}
			if dimension.scope.Min != 0 && dimension.scope.Max != 0 && dimension.scope.Min > dimension.scope.Max {
				v.addf(rangePath+".min", "must not exceed max")
			}
		}
	}
	names := c.levels()
	v.uniqueLevels("segments", names[:len(c.Segments)], "name")
	v.levelName("default_segment", c.DefaultSegment)
	if slices.Contains(names[:len(c.Segments)], c.DefaultSegment) {
		v.addf("default_segment", "must differ from every segment name")
	}
	if len(v.fields) == 0 {
		// An unreachable segment is almost always a rule ordered after a
		// broader one; it would silently never be assigned.
		table := c.segmentTable()
		reachable := make([]bool, len(c.Segments))
		for _, segment := range table {
			if segment >= 0 {
				reachable[segment] = true
			}
		}
		for i, ok := range reachable {
			if !ok {
				v.addf(fmt.Sprintf("segments[%d]", i), "unreachable: earlier segments match every score it covers")
			}
		}
	}
	c.ClassMapping.validate(v, names)
	return v.err()
}

// levels returns segment names then the default segment.
func (c *RFMConfig) levels() []string {
	names := make([]string, 0, len(c.Segments)+1)
	for _, segment := range c.Segments {
		names = append(names, segment.Name)
	}
	return append(names, c.DefaultSegment)
}

// segmentTable precomputes the segment of all 125 score combinations, so
// evaluation is a lookup; -1 means the default segment.
func (c *RFMConfig) segmentTable() [125]int {
	var table [125]int
	for r := rfmMinScore; r <= rfmMaxScore; r++ {
		for f := rfmMinScore; f <= rfmMaxScore; f++ {
			for m := rfmMinScore; m <= rfmMaxScore; m++ {
				segment := -1
				for i, candidate := range c.Segments {
					if candidate.R.contains(r) && candidate.F.contains(f) && candidate.M.contains(m) {
						segment = i
						break
					}
				}
				table[rfmCell(r, f, m)] = segment
			}
		}
	}
	return table
}

func rfmCell(r, f, m int) int {
	return (r-1)*25 + (f-1)*5 + (m - 1)
}

// Compile implements Config.
func (c *RFMConfig) Compile() (Model, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	model := &rfmModel{
		levels:  c.levels(),
		mapping: c.ClassMapping.clone(),
	}
	for i, dimension := range []struct {
		name           string
		metric         MetricName
		higherIsBetter bool
	}{
		{"recency", c.RecencyMetric, false},
		{"frequency", c.FrequencyMetric, true},
		{"monetary", c.MonetaryMetric, true},
	} {
		get, err := accessorFor(dimension.metric)
		if err != nil {
			return nil, fmt.Errorf("compile %s metric: %w", dimension.name, err)
		}
		model.dimensions[i] = rfmDimension{name: dimension.name, metric: dimension.metric, get: get, higherIsBetter: dimension.higherIsBetter}
	}
	rules := make([]string, len(c.Segments))
	for i, segment := range c.Segments {
		var parts []string
		for _, part := range []string{segment.R.describe("R"), segment.F.describe("F"), segment.M.describe("M")} {
			if part != "" {
				parts = append(parts, part)
			}
		}
		rules[i] = strings.Join(parts, " ")
	}
	table := c.segmentTable()
	for r := rfmMinScore; r <= rfmMaxScore; r++ {
		for f := rfmMinScore; f <= rfmMaxScore; f++ {
			for m := rfmMinScore; m <= rfmMaxScore; m++ {
				cell := rfmCell(r, f, m)
				scores := fmt.Sprintf("R%d F%d M%d", r, f, m)
				segment := table[cell]
				if segment < 0 {
					model.decisions[cell] = rfmDecision{
						level: c.DefaultSegment,
						rule:  "default_segment",
						text:  fmt.Sprintf("%s matches no segment → %s", scores, c.DefaultSegment),
					}
					continue
				}
				path := fmt.Sprintf("segments[%d]", segment)
				model.decisions[cell] = rfmDecision{
					level: c.Segments[segment].Name,
					rule:  path,
					text:  fmt.Sprintf("%s matches %s (%s) → %s", scores, path, rules[segment], c.Segments[segment].Name),
				}
			}
		}
	}
	return model, nil
}

type rfmModel struct {
	dimensions [3]rfmDimension
	// decisions holds the outcome of each of the 125 score combinations,
	// texts included, so deciding an account allocates nothing.
	decisions [125]rfmDecision
	levels    []string
	mapping   ClassMapping
}

type rfmDecision struct {
	level, rule, text string
}

type rfmDimension struct {
	name           string
	metric         MetricName
	get            metricAccessor
	higherIsBetter bool
}

func (m *rfmModel) Kind() Kind { return KindRFM }

func (m *rfmModel) Levels() []string { return slices.Clone(m.levels) }

// quintileScores scores one dimension for the whole population with one
// sort.
func quintileScores(population []Metrics, dimension rfmDimension) (scores []int8, values []float64, present []bool) {
	n := len(population)
	scores = make([]int8, n)
	values = make([]float64, n)
	present = make([]bool, n)
	order := make([]int32, 0, n)
	for i := range population {
		values[i], present[i] = dimension.get(&population[i])
		scores[i] = rfmMinScore
		if present[i] {
			order = append(order, int32(i))
		}
	}
	// Worst first, so the position of a tie group is the count of accounts
	// worse than it.
	slices.SortFunc(order, func(a, b int32) int {
		if dimension.higherIsBetter {
			return cmp.Compare(values[a], values[b])
		}
		return cmp.Compare(values[b], values[a])
	})
	ranked := int64(len(order))
	for start := 0; start < len(order); {
		end := start + 1
		for end < len(order) && values[order[end]] == values[order[start]] {
			end++
		}
		// 1 + floor(5 × (start + size/2) / ranked) in integers.
		score := 1 + (10*int64(start)+5*int64(end-start))/(2*ranked)
		score = min(score, rfmMaxScore)
		for _, idx := range order[start:end] {
			scores[idx] = int8(score)
		}
		start = end
	}
	return scores, values, present
}

// quintileRules are the criterion rule texts per score, built once rather
// than formatted per account.
var quintileRules = [rfmMaxScore + 1]string{"", "quintile → 1", "quintile → 2", "quintile → 3", "quintile → 4", "quintile → 5"}

func (m *rfmModel) Evaluate(_ time.Time, population []Metrics) ([]Result, error) {
	n := len(population)
	if n > 1<<31-1 {
		return nil, fmt.Errorf("evaluate rfm: population of %d accounts is too large", n)
	}
	var scores [3][]int8
	var values [3][]float64
	var present [3][]bool
	for d, dimension := range m.dimensions {
		scores[d], values[d], present[d] = quintileScores(population, dimension)
	}

	results := make([]Result, n)
	criteria := make([]CriterionExplanation, 3*n)
	forEachChunk(len(population), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			inputs := make(map[MetricName]float64, 3)
			var missing []MetricName
			explained := criteria[3*i : 3*i+3 : 3*i+3]
			var rfm [3]int
			for d, dimension := range m.dimensions {
				score := int(scores[d][i])
				rfm[d] = score
				entry := CriterionExplanation{Name: dimension.name, Metric: dimension.metric, Points: float64(score), Weight: 1, Contribution: float64(score)}
				if present[d][i] {
					inputs[dimension.metric] = values[d][i]
					entry.RawValue = values[d][i]
					entry.Rule = quintileRules[score]
				} else {
					entry.Missing = true
					entry.Rule = "missing value → 1"
					if !slices.Contains(missing, dimension.metric) {
						missing = append(missing, dimension.metric)
					}
				}
				explained[d] = entry
			}
			decision := m.decisions[rfmCell(rfm[0], rfm[1], rfm[2])]
			level, rule, text := decision.level, decision.rule, decision.text
			class := m.mapping.classFor(level)
			results[i] = Result{
				AccountID: population[i].AccountID,
				Level:     level,
				Class:     class,
				Score:     float64(rfm[0] + rfm[1] + rfm[2]),
				HasScore:  true,
				Explanation: Explanation{
					ModelKind: KindRFM,
					Inputs:    inputs,
					Missing:   missing,
					Criteria:  explained,
					Decision:  Decision{Text: text, Rule: rule, Level: level, Class: class},
				},
			}
		}
	})
	return results, nil
}

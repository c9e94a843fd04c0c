package churn

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestConfigWithDefaults(t *testing.T) {
	t.Parallel()

	c := Config{}.WithDefaults()
	require.NoError(t, c.Validate())

	require.Equal(t, DefaultVersion, c.Version)
	require.Equal(t, 3, c.MinOrders)
	require.Equal(t, LevelBands{Medium: 25, High: 55, Critical: 80}, c.Bands)
	require.Equal(t, 3, c.CriticalMinFamilies)
	require.Equal(t, LevelMedium, c.AlertMinLevel)
	require.Equal(t, ByClass[int]{S: 2, A: 5, B: 10, C: 20, Ungraded: 20}, c.ResponseDays)
	require.Equal(t, ByClass[float64]{S: 1.5, A: 1.5, B: 2, C: 2.5, Ungraded: 2.5}, c.OrderGap.Warning)
	require.Equal(t, ByClass[float64]{S: 3, A: 4, B: 6, C: 8, Ungraded: 8}, c.OrderGap.Critical)
	require.Equal(t, ByClass[int]{S: 30, A: 90, B: 180, C: 365, Ungraded: 120}, c.ContactCadence.Days)
	require.Equal(t, ComplaintWeights{Minor: 1, Major: 3, Critical: 8}, c.NewComplaints.Weights)

	// Critical thresholds and baselines of the recalibrated model.
	require.Equal(t, 1.0, c.OrderVolumeDrop.Critical)
	require.Equal(t, 3.0, c.OrderVolumeDrop.MinBaselineOrders)
	require.Equal(t, 1.0, c.RevenueDropYoY.Critical)
	require.Equal(t, 3, c.RevenueDropYoY.MinBaselineOrders)
	require.Equal(t, 60.0, c.CollectionsSlowing.Critical)
	require.Equal(t, 3.0, c.OverdueRising.Critical)
	require.Equal(t, 30.0, c.SatisfactionFalling.Critical)

	// Points per signal, warning and critical.
	require.Equal(t, map[SignalCode]Points{
		SignalOrderGap:             {Warning: 15, Critical: 25},
		SignalOrderVolumeDrop:      {Warning: 10, Critical: 20},
		SignalRevenueDropYoY:       {Warning: 10, Critical: 20},
		SignalCollectionsSlowing:   {Warning: 10, Critical: 20},
		SignalOverdueRising:        {Warning: 10, Critical: 20},
		SignalSatisfactionFalling:  {Warning: 15, Critical: 25},
		SignalNewComplaints:        {Warning: 10, Critical: 25},
		SignalContactCadenceMissed: {Warning: 15, Critical: 25},
		SignalKeyContactLeft:       {Warning: 25, Critical: 40},
		SignalClassDowngraded:      {Warning: 10, Critical: 20},
	}, map[SignalCode]Points{
		SignalOrderGap:             c.OrderGap.Points,
		SignalOrderVolumeDrop:      c.OrderVolumeDrop.Points,
		SignalRevenueDropYoY:       c.RevenueDropYoY.Points,
		SignalCollectionsSlowing:   c.CollectionsSlowing.Points,
		SignalOverdueRising:        c.OverdueRising.Points,
		SignalSatisfactionFalling:  c.SatisfactionFalling.Points,
		SignalNewComplaints:        c.NewComplaints.Points,
		SignalContactCadenceMissed: c.ContactCadence.Points,
		SignalKeyContactLeft:       c.KeyContactLeft.Points,
		SignalClassDowngraded:      c.ClassDowngraded.Points,
	})

	// Applying defaults twice changes nothing, and set fields survive.
	require.Equal(t, c, c.WithDefaults())
	custom := Config{MinOrders: 5, OrderGap: OrderGapConfig{Warning: ByClass[float64]{S: 1.2}}}.WithDefaults()
	require.Equal(t, 5, custom.MinOrders)
	require.Equal(t, 1.2, custom.OrderGap.Warning.S)
	require.Equal(t, 1.5, custom.OrderGap.Warning.A)
}

func TestConfigValidate(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name    string
		mutate  func(*Config)
		wantErr []string
	}{
		{"Defaults", func(*Config) {}, nil},
		{"NegativeMinOrders", func(c *Config) { c.MinOrders = -1 }, []string{"MinOrders must be greater than zero, got -1"}},
		{"NegativeCriticalMinFamilies", func(c *Config) { c.CriticalMinFamilies = -1 },
			[]string{"CriticalMinFamilies must be greater than zero, got -1"}},
		{"NegativeVolumeBaseline", func(c *Config) { c.OrderVolumeDrop.MinBaselineOrders = -0.5 },
			[]string{"OrderVolumeDrop.MinBaselineOrders must be a finite number greater than zero"}},
		{"NaNVolumeBaseline", func(c *Config) { c.OrderVolumeDrop.MinBaselineOrders = math.NaN() },
			[]string{"OrderVolumeDrop.MinBaselineOrders must be a finite number greater than zero"}},
		{"NegativeYoYBaseline", func(c *Config) { c.RevenueDropYoY.MinBaselineOrders = -1 },
			[]string{"RevenueDropYoY.MinBaselineOrders must be greater than zero, got -1"}},
		{"BandsOutOfOrder", func(c *Config) { c.Bands.High = 20 }, []string{"Bands must satisfy"}},
		{"BandsAbove100", func(c *Config) { c.Bands.Critical = 101 }, []string{"Bands must satisfy"}},
		{"UnknownMinLevel", func(c *Config) { c.AlertMinLevel = "severe" }, []string{`AlertMinLevel "severe"`}},
		{"NegativeResponseDays", func(c *Config) { c.ResponseDays.A = -2 }, []string{"ResponseDays.A must be greater than zero"}},
		{"PerClassCriticalBelowWarning", func(c *Config) { c.OrderGap.Critical.B = 1.5 },
			[]string{"OrderGap.Critical.B (1.5) must not be below OrderGap.Warning.B (2)"}},
		{"NaNThreshold", func(c *Config) { c.SatisfactionFalling.Warning = math.NaN() },
			[]string{"SatisfactionFalling.Warning must be a finite number"}},
		{"DropAbove100Percent", func(c *Config) { c.RevenueDropYoY.Critical = 1.5 }, []string{"RevenueDropYoY.Critical must be at most 1"}},
		{"PointsOver100", func(c *Config) { c.KeyContactLeft.Points.Critical = 150 }, []string{"KeyContactLeft.Points.Critical must be between 1 and 100"}},
		{"PointsCriticalBelowWarning", func(c *Config) { c.NewComplaints.Points = Points{Warning: 30, Critical: 20} },
			[]string{"NewComplaints.Points.Critical (20) must not be below NewComplaints.Points.Warning (30)"}},
		{"NegativeWeight", func(c *Config) { c.NewComplaints.Weights.Major = -3 }, []string{"NewComplaints.Weights.Major"}},
		{"NegativeMinIncrease", func(c *Config) { c.OverdueRising.MinIncrease = -5 }, []string{"OverdueRising.MinIncrease"}},
		{"CadenceDays", func(c *Config) { c.ContactCadence.Days.Ungraded = -1 }, []string{"ContactCadence.Days.Ungraded"}},
		{"SeveralAtOnce", func(c *Config) { c.MinOrders = -1; c.ClassDowngraded.Critical = 0.5 },
			[]string{"MinOrders", "ClassDowngraded.Critical (0.5)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := Config{}.WithDefaults()
			tt.mutate(&c)
			err := c.Validate()
			if tt.wantErr == nil {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			require.Contains(t, err.Error(), `invalid churn config "`+DefaultVersion+`"`)
			for _, want := range tt.wantErr {
				require.Contains(t, err.Error(), want)
			}
		})
	}
}

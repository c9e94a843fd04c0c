package churn

// Level is the overall churn risk of an account. It is stored on alerts, so
// the string values are part of the schema.
type Level string

// Levels, from least to most severe.
const (
	LevelLow      Level = "low"
	LevelMedium   Level = "medium"
	LevelHigh     Level = "high"
	LevelCritical Level = "critical"
)

// Valid reports whether l is a known level.
func (l Level) Valid() bool { return l.rank() > 0 }

// AtLeast reports whether l is as severe as floor or more. An empty or
// unknown floor ranks below low, so it admits every level.
func (l Level) AtLeast(floor Level) bool { return l.rank() >= floor.rank() }

func (l Level) rank() int {
	switch l {
	case LevelLow:
		return 1
	case LevelMedium:
		return 2
	case LevelHigh:
		return 3
	case LevelCritical:
		return 4
	}
	return 0
}

// Severity is how strongly a single signal fired.
type Severity string

// Severities of a fired signal.
const (
	SeverityWarning  Severity = "warning"
	SeverityCritical Severity = "critical"
)

func (s Severity) label() string {
	if s == SeverityCritical {
		return "critical"
	}
	return "warning"
}

func (s Severity) labelZH() string {
	if s == SeverityCritical {
		return "严重"
	}
	return "预警"
}

package grading

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// FieldError is one problem in a config, located by its JSON field path,
// e.g. "criteria[2].bands[0].min".
type FieldError struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

func (e FieldError) Error() string { return e.Path + ": " + e.Message }

// ValidationError lists every problem found in a config at once, so the
// model editor can mark all offending fields instead of one per save.
type ValidationError struct {
	Kind   Kind         `json:"kind"`
	Fields []FieldError `json:"fields"`
}

func (e *ValidationError) Error() string {
	messages := make([]string, len(e.Fields))
	for i, field := range e.Fields {
		messages[i] = field.Error()
	}
	return fmt.Sprintf("invalid %s config: %s", e.Kind, strings.Join(messages, "; "))
}

// validator collects FieldErrors for one config.
type validator struct {
	kind   Kind
	fields []FieldError
}

func (v *validator) addf(path, format string, args ...any) {
	v.fields = append(v.fields, FieldError{Path: path, Message: fmt.Sprintf(format, args...)})
}

// err returns an untyped nil when there is nothing to report, so callers can
// compare the result with nil.
func (v *validator) err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return &ValidationError{Kind: v.kind, Fields: v.fields}
}

func (v *validator) metric(path string, name MetricName) {
	if err := ValidateMetricName(name); err != nil {
		v.addf(path, "%s", err)
	}
}

const maxLevelNameLength = 64

// levelName checks a native level or segment name. Names are stored in
// history and matched by class_mapping keys, so stray whitespace would make
// two spellings of one level.
func (v *validator) levelName(path, name string) {
	switch {
	case name == "":
		v.addf(path, "is required")
	case strings.TrimSpace(name) != name:
		v.addf(path, "must not start or end with whitespace")
	case utf8.RuneCountInString(name) > maxLevelNameLength:
		v.addf(path, "must be at most %d characters", maxLevelNameLength)
	}
}

// uniqueLevels checks names and reports duplicates.
func (v *validator) uniqueLevels(path string, names []string, field string) {
	seen := make(map[string]int, len(names))
	for i, name := range names {
		itemPath := fmt.Sprintf("%s[%d].%s", path, i, field)
		v.levelName(itemPath, name)
		if first, ok := seen[name]; ok && name != "" {
			v.addf(itemPath, "duplicate level %q (also %s[%d])", name, path, first)
			continue
		}
		seen[name] = i
	}
}

func (v *validator) finite(path string, value float64) bool {
	if math.IsNaN(value) || math.IsInf(value, 0) {
		v.addf(path, "must be a finite number")
		return false
	}
	return true
}

// ClassMapping maps each native level a model can produce to a Class. It is
// admin-editable: the same pyramid can feed a company that treats gold as A
// and one that treats it as S.
type ClassMapping map[string]Class

// validate requires exactly the model's levels as keys and valid classes as
// values.
func (cm ClassMapping) validate(v *validator, levels []string) {
	const path = "class_mapping"
	if len(cm) == 0 {
		v.addf(path, "is required: map every level (%s) to S, A, B or C", strings.Join(levels, ", "))
		return
	}
	for _, level := range levels {
		if level == "" {
			continue // reported where the level is defined
		}
		class, ok := cm[level]
		if !ok {
			v.addf(path+"."+level, "missing: every level the model can produce needs a class")
			continue
		}
		if err := class.Validate(); err != nil {
			v.addf(path+"."+level, "%s", err)
		}
	}
	keys := make([]string, 0, len(cm))
	for key := range cm {
		if !slices.Contains(levels, key) {
			keys = append(keys, key)
		}
	}
	slices.Sort(keys)
	for _, key := range keys {
		v.addf(path+"."+key, "unknown level %q: the model produces %s", key, strings.Join(levels, ", "))
	}
}

// classFor is only called for levels the validated mapping covers.
func (cm ClassMapping) classFor(level string) Class {
	return cm[level]
}

// clone copies the mapping so a compiled model cannot be changed through the
// config it was compiled from.
func (cm ClassMapping) clone() ClassMapping {
	out := make(ClassMapping, len(cm))
	for level, class := range cm {
		out[level] = class
	}
	return out
}

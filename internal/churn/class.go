package churn

// Class is an account's grade (S/A/B/C). It is defined here rather than
// imported so the package stays free of other project packages; the values
// are the same strings the rest of Summit stores.
type Class string

// Classes, as the churn model reads them.
const (
	ClassS        Class = "S" // strategic (战略客户)
	ClassA        Class = "A" // partner (伙伴型客户)
	ClassB        Class = "B" // value (价值客户)
	ClassC        Class = "C" // general (一般客户)
	ClassUngraded Class = ""  // not yet graded by any review
)

// Valid reports whether c is one of the known classes, including ungraded.
func (c Class) Valid() bool {
	switch c {
	case ClassS, ClassA, ClassB, ClassC, ClassUngraded:
		return true
	}
	return false
}

// Strategic reports whether c is S or A, the classes the domain treats as
// the focus of management (executive escalation, approvals).
func (c Class) Strategic() bool { return c == ClassS || c == ClassA }

// rank orders graded classes so a downgrade can be measured in steps.
// Ungraded and unknown classes rank 0 and never count as a downgrade.
func (c Class) rank() int {
	switch c {
	case ClassS:
		return 4
	case ClassA:
		return 3
	case ClassB:
		return 2
	case ClassC:
		return 1
	}
	return 0
}

func (c Class) label() string {
	if c == ClassUngraded {
		return "ungraded"
	}
	return string(c)
}

func (c Class) labelZH() string {
	if c == ClassUngraded {
		return "未分级"
	}
	return string(c) + " 类"
}

// ByClass holds one value per class. Thresholds that depend on how much an
// account matters (how early to worry about an order gap, how often to
// visit) are configured this way. A zero field is replaced by its default in
// Config.WithDefaults.
type ByClass[T int | float64] struct {
	S        T `json:"S"`
	A        T `json:"A"`
	B        T `json:"B"`
	C        T `json:"C"`
	Ungraded T `json:"ungraded"`
}

// For returns the value for class c. Unknown classes get the ungraded value
// so bad data degrades to the most conservative treatment instead of
// panicking in a batch job.
func (b ByClass[T]) For(c Class) T {
	switch c {
	case ClassS:
		return b.S
	case ClassA:
		return b.A
	case ClassB:
		return b.B
	case ClassC:
		return b.C
	}
	return b.Ungraded
}

func (b ByClass[T]) withDefaults(d ByClass[T]) ByClass[T] {
	if b.S == 0 {
		b.S = d.S
	}
	if b.A == 0 {
		b.A = d.A
	}
	if b.B == 0 {
		b.B = d.B
	}
	if b.C == 0 {
		b.C = d.C
	}
	if b.Ungraded == 0 {
		b.Ungraded = d.Ungraded
	}
	return b
}

// classFields names ByClass's fields for error paths.
var classFields = []struct {
	name  string
	class Class
}{{"S", ClassS}, {"A", ClassA}, {"B", ClassB}, {"C", ClassC}, {"Ungraded", ClassUngraded}}

// each calls fn for every class with its field name.
func (b ByClass[T]) each(fn func(name string, v T)) {
	for _, cf := range classFields {
		fn(cf.name, b.For(cf.class))
	}
}

package partners

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Criterion is what a tier requirement measures.
type Criterion string

// Criteria. Money criteria are in minor units (fen).
const (
	RegisteredCapital Criterion = "REGISTERED_CAPITAL"
	// AnnualPerformance is the trailing-12-month performance rolled up the
	// distribution chain.
	AnnualPerformance Criterion = "ANNUAL_PERFORMANCE"
	CertifiedStaff    Criterion = "CERTIFIED_STAFF"
	TotalStaff        Criterion = "TOTAL_STAFF"
	SalesStaff        Criterion = "SALES_STAFF"
	// Custom is an admin-defined criterion read from the partner's custom
	// values by its code, e.g. SHOWROOM_M2.
	Custom Criterion = "CUSTOM"
)

// Criteria lists every criterion.
func Criteria() []Criterion {
	return []Criterion{RegisteredCapital, AnnualPerformance, CertifiedStaff, TotalStaff, SalesStaff, Custom}
}

// IsMoney reports whether values of c are amounts in minor units.
func (c Criterion) IsMoney() bool { return c == RegisteredCapital || c == AnnualPerformance }

// IsHeadcount reports whether values of c count people.
func (c Criterion) IsHeadcount() bool {
	return c == CertifiedStaff || c == TotalStaff || c == SalesStaff
}

// labelZH and labelEN name the built-in criteria.
func (c Criterion) labelZH() string {
	switch c {
	case RegisteredCapital:
		return "注册资金"
	case AnnualPerformance:
		return "近12个月业绩"
	case CertifiedStaff:
		return "认证人员"
	case TotalStaff:
		return "员工"
	case SalesStaff:
		return "销售人员"
	}
	return string(c)
}

func (c Criterion) labelEN() string {
	switch c {
	case RegisteredCapital:
		return "registered capital"
	case AnnualPerformance:
		return "performance"
	case CertifiedStaff:
		return "certified staff"
	case TotalStaff:
		return "staff"
	case SalesStaff:
		return "sales staff"
	}
	return strings.ToLower(string(c))
}

// Requirement is a minimum a partner must meet to hold a tier.
type Requirement struct {
	Criterion Criterion `json:"criterion"`
	// CustomCode and Label describe a Custom criterion: the key of the
	// partner's custom value and what it measures (e.g. "展厅面积 m²").
	CustomCode string `json:"custom_code,omitempty"`
	Label      string `json:"label,omitempty"`
	// EvidenceRequired makes a decision into the tier carry evidence notes.
	EvidenceRequired bool  `json:"evidence_required,omitempty"`
	Min              int64 `json:"min"`
}

// Key identifies the requirement within its tier: the criterion, or
// CUSTOM:<code>.
func (r Requirement) Key() string {
	if r.Criterion == Custom {
		return string(Custom) + ":" + r.CustomCode
	}
	return string(r.Criterion)
}

// LabelZH and LabelEN name what the requirement measures.
func (r Requirement) LabelZH() string {
	if r.Criterion == Custom {
		if r.Label != "" {
			return r.Label
		}
		return r.CustomCode
	}
	return r.Criterion.labelZH()
}

// LabelEN names what the requirement measures in English; a custom
// criterion has only the label its admin gave it.
func (r Requirement) LabelEN() string {
	if r.Criterion == Custom {
		if r.Label != "" {
			return r.Label
		}
		return r.CustomCode
	}
	return r.Criterion.labelEN()
}

// Tier is one rung of the ladder. Rank 1 is the top.
type Tier struct {
	ID           int           `json:"id"`
	Rank         int           `json:"rank"`
	Code         string        `json:"code"`
	Name         string        `json:"name"`
	NameEN       string        `json:"name_en"`
	Requirements []Requirement `json:"requirements"`
}

// NeedsExecutiveApproval reports whether a move into tier t needs an
// executive: the top two tiers (general and tier-1 distributors) carry
// territory rights and the deepest discounts.
func (t *Tier) NeedsExecutiveApproval() bool { return t != nil && t.Rank <= ExecutiveApprovalRanks }

// ExecutiveApprovalRanks is how many tiers from the top need an executive's
// approval to move into.
const ExecutiveApprovalRanks = 2

// Ladder is the tier ladder, best rank first.
type Ladder struct {
	Tiers []Tier
}

// NewLadder sorts tiers by rank and validates them (see ValidateTier), and
// that ranks and codes are unique.
func NewLadder(tiers []Tier) (Ladder, error) {
	sorted := slices.Clone(tiers)
	slices.SortFunc(sorted, func(a, b Tier) int { return a.Rank - b.Rank })
	codes := map[string]bool{}
	for i, t := range sorted {
		if err := ValidateTier(t); err != nil {
			return Ladder{}, err
		}
		if i > 0 && sorted[i-1].Rank == t.Rank {
			return Ladder{}, fmt.Errorf("tiers %s and %s share rank %d", sorted[i-1].Code, t.Code, t.Rank)
		}
		if codes[t.Code] {
			return Ladder{}, fmt.Errorf("tier code %s is used twice", t.Code)
		}
		codes[t.Code] = true
	}
	return Ladder{Tiers: sorted}, nil
}

// ByID returns the tier with id, or nil.
func (l Ladder) ByID(id int) *Tier {
	for i := range l.Tiers {
		if l.Tiers[i].ID == id {
			return &l.Tiers[i]
		}
	}
	return nil
}

// above returns the tier ranked right above t (nil t: the bottom tier), or
// nil when t is the top.
func (l Ladder) above(t *Tier) *Tier {
	if t == nil {
		if len(l.Tiers) == 0 {
			return nil
		}
		return &l.Tiers[len(l.Tiers)-1]
	}
	for i := range l.Tiers {
		if l.Tiers[i].Rank == t.Rank {
			if i == 0 {
				return nil
			}
			return &l.Tiers[i-1]
		}
	}
	return nil
}

var codePattern = regexp.MustCompile(`^[A-Z][A-Z0-9_]{0,63}$`)

// FieldProblem is one invalid input of a tier.
type FieldProblem struct {
	Field   string
	Message string
}

// TierError lists what is wrong with a tier.
type TierError struct {
	Problems []FieldProblem
}

func (e *TierError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.Field + ": " + p.Message
	}
	return "invalid tier: " + strings.Join(parts, "; ")
}

// ValidateTier checks a tier on its own: a code of capital letters, digits
// and underscores; names; a positive rank; requirements with a known
// criterion, a non-negative minimum, a custom code (and label) exactly for
// CUSTOM, and no criterion twice.
func ValidateTier(t Tier) error {
	var problems []FieldProblem
	add := func(field, format string, args ...any) {
		problems = append(problems, FieldProblem{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	if !codePattern.MatchString(t.Code) {
		add("code", "must be 1–64 capital letters, digits or underscores, starting with a letter, e.g. GOLD")
	}
	if strings.TrimSpace(t.Name) == "" || len([]rune(t.Name)) > 64 {
		add("name", "is required, at most 64 characters")
	}
	if strings.TrimSpace(t.NameEN) == "" || len([]rune(t.NameEN)) > 64 {
		add("nameEn", "is required, at most 64 characters")
	}
	if t.Rank < 1 {
		add("rank", "must be at least 1 (1 is the top of the ladder)")
	}
	seen := map[string]bool{}
	for i, r := range t.Requirements {
		path := fmt.Sprintf("requirements[%d]", i)
		if !slices.Contains(Criteria(), r.Criterion) {
			add(path+".criterion", "unknown criterion %q", r.Criterion)
			continue
		}
		if r.Min < 0 {
			add(path+".min", "must not be negative")
		}
		switch {
		case r.Criterion == Custom && !codePattern.MatchString(r.CustomCode):
			add(path+".customCode", "a CUSTOM criterion needs a code of capital letters, digits or underscores, e.g. SHOWROOM_M2")
		case r.Criterion == Custom && strings.TrimSpace(r.Label) == "":
			add(path+".label", "a CUSTOM criterion needs a label saying what is measured")
		case r.Criterion != Custom && r.CustomCode != "":
			add(path+".customCode", "only CUSTOM criteria have a code")
		}
		if len([]rune(r.Label)) > 200 {
			add(path+".label", "at most 200 characters")
		}
		if seen[r.Key()] {
			add(path, "%s is required twice", r.Key())
		}
		seen[r.Key()] = true
	}
	if problems != nil {
		return &TierError{Problems: problems}
	}
	return nil
}

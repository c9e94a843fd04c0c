package grading

import (
	"cmp"
	"fmt"
	"strings"
)

// Class is the company's judgement of an account's value (seed 003). Unlike
// a category it changes as the account's value changes, and it drives how
// much service the account gets. S and A are the focus of management.
type Class string

const (
	// ClassS is a strategic account (战略客户): high influence and high volume.
	ClassS Class = "S"
	// ClassA is a partner account (伙伴型客户).
	ClassA Class = "A"
	// ClassB is a value account (价值客户).
	ClassB Class = "B"
	// ClassC is a general account (一般客户).
	ClassC Class = "C"
)

// Classes returns every class, highest first. It returns a fresh slice so a
// caller can sort or trim it without affecting others.
func Classes() []Class {
	return []Class{ClassS, ClassA, ClassB, ClassC}
}

// ParseClass parses user input leniently (surrounding space, lower case) into
// a Class. Configs are stricter: class_mapping values must be exactly "S",
// "A", "B" or "C" so a stored config has one spelling.
func ParseClass(s string) (Class, error) {
	class := Class(strings.ToUpper(strings.TrimSpace(s)))
	if err := class.Validate(); err != nil {
		return "", err
	}
	return class, nil
}

// Validate returns an error unless c is exactly one of S, A, B, C.
func (c Class) Validate() error {
	if c.Rank() == 0 {
		return fmt.Errorf("invalid class %q: want one of S, A, B, C", string(c))
	}
	return nil
}

// Rank orders classes: S 4, A 3, B 2, C 1; an invalid class ranks 0 so it
// sorts below every real class instead of panicking.
func (c Class) Rank() int {
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

// Compare returns +1 when c is a higher class than other, -1 when lower and 0
// when equal, so `slices.SortFunc(cs, func(a, b Class) int { return
// b.Compare(a) })` sorts highest first.
func (c Class) Compare(other Class) int {
	return cmp.Compare(c.Rank(), other.Rank())
}

// IsFocus reports whether the class is one management focuses on (S and A);
// classifying into or out of them needs executive approval elsewhere.
func (c Class) IsFocus() bool {
	return c == ClassS || c == ClassA
}

// LabelZH is the zh-CN UI label.
func (c Class) LabelZH() string {
	switch c {
	case ClassS:
		return "战略客户"
	case ClassA:
		return "伙伴型客户"
	case ClassB:
		return "价值客户"
	case ClassC:
		return "一般客户"
	}
	return ""
}

// LabelEN is the English UI label.
func (c Class) LabelEN() string {
	switch c {
	case ClassS:
		return "strategic"
	case ClassA:
		return "partner"
	case ClassB:
		return "value"
	case ClassC:
		return "general"
	}
	return ""
}

func (c Class) String() string { return string(c) }

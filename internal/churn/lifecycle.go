package churn

// ShouldMoveToDecline reports whether the account should move to the
// decline lifecycle stage (退化期), where win-back work starts: its risk is
// high or critical. Leaving decline is a person's call after win-back, so
// there is no inverse.
func ShouldMoveToDecline(a Assessment) bool {
	return a.Level.AtLeast(LevelHigh)
}

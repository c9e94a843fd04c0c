package graph

const (
	// acctSearchDefault and acctSearchMax bound searchAccounts(first:).
	acctSearchDefault = 20
	acctSearchMax     = 100
)

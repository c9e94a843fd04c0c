package schema

import "encoding/json"

// rawJSON is json.RawMessage; an alias keeps generated code free of a custom type.
type rawJSON = json.RawMessage

package index

import "errors"

// ErrNotFound is wrapped by the errors of reads that name a missing entity
// or article. The messages of the store's packages start "graph:", as
// the user knows one store.
var ErrNotFound = errors.New("graph: not found")

package accountfacts_test

import (
	"os"
	"testing"

	"github.com/summitkam/summit/internal/dbmigrate"
	"github.com/summitkam/summit/internal/testdb"
)

func TestMain(m *testing.M) {
	testdb.SetupTemplate(dbmigrate.Apply)
	os.Exit(testdb.RunMain(m))
}

package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"entgo.io/ent/dialect/sql"
	"github.com/stretchr/testify/require"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/rule"
	"github.com/summitkam/summit/graph/generated"
	"github.com/summitkam/summit/internal/viewer"
)

// Edge filters (where: {hasXWith: […]}) are part of the authorization
// matrix: every has…With filter of every connection in the GraphQL schema,
// for every identity, must count exactly the rows the SQL oracle allows —
// the rows of the connection the viewer reads that have at least one
// neighbour the viewer reads. The cases are generated from the schema, so a
// new edge or connection is covered without editing this test.

// whereTypes maps a GraphQL where-input name to its Go type, found by
// walking the has…With fields of the generated where inputs from a few
// roots (TestRestrictWhereCoversEveryType checks none is missed).
func whereTypes() map[string]reflect.Type {
	types := map[string]reflect.Type{}
	var visit func(reflect.Type)
	visit = func(t reflect.Type) {
		if _, ok := types[t.Name()]; ok {
			return
		}
		types[t.Name()] = t
		for i := range t.NumField() {
			f := t.Field(i)
			if strings.HasPrefix(f.Name, "Has") && strings.HasSuffix(f.Name, "With") {
				visit(f.Type.Elem().Elem())
			}
		}
	}
	for _, root := range []any{ent.AccountWhereInput{}, ent.AuditEventWhereInput{}, ent.NotificationWhereInput{},
		ent.ClassPolicyWhereInput{}, ent.ReviewCycleWhereInput{}, ent.PartnerTierWhereInput{}, ent.GradingModelWhereInput{},
		ent.CustomMetricWhereInput{}, ent.DataImportWhereInput{}} {
		visit(reflect.TypeOf(root))
	}
	return types
}

// visibleSQL is the oracle's rule for typ as a subquery of ids, with v's
// parameters written in as literals so it can sit inside an ent predicate.
func visibleSQL(v *viewer.Viewer, typ string) string {
	spec, ok := typeRows[typ]
	if !ok {
		panic("no oracle rule for " + typ)
	}
	cond := strings.ReplaceAll(spec.visible, "readable", readableAccountsSQL)
	args := accountArgs(v)
	regions := args[4].([]string)
	quoted := make([]string, len(regions))
	for i, r := range regions {
		quoted[i] = "'" + strings.ReplaceAll(r, "'", "''") + "'"
	}
	lit := []string{
		fmt.Sprint(args[0]), fmt.Sprint(args[1]), fmt.Sprint(args[2]), fmt.Sprint(args[3]),
		"ARRAY[" + strings.Join(quoted, ",") + "]::text[]",
	}
	for i := len(lit); i >= 1; i-- {
		cond = strings.ReplaceAll(cond, fmt.Sprintf("$%d", i), "("+lit[i-1]+")")
	}
	return fmt.Sprintf("SELECT id FROM %s WHERE %s", spec.table, cond)
}

// visiblePredicate returns the oracle's rule as a predicate of the where
// input type wt (its Predicates element type).
func visiblePredicate(v *viewer.Viewer, wt reflect.Type) reflect.Value {
	typ := strings.TrimSuffix(wt.Name(), "WhereInput")
	sub := visibleSQL(v, typ)
	fn := func(s *sql.Selector) { s.Where(sql.ExprP(s.C("id") + " IN (" + sub + ")")) }
	pt, _ := wt.FieldByName("Predicates")
	return reflect.ValueOf(fn).Convert(pt.Type.Elem())
}

// oracleEdgeCount counts, as the system identity, the rows of wt visible to
// v (and matching extra) that have a neighbour through edge field with
// visible to v. query returns the query to count on (a *ent.XQuery).
func oracleEdgeCount(t *testing.T, v *viewer.Viewer, wt reflect.Type, with string, not bool, query reflect.Value) int {
	t.Helper()
	w := reflect.New(wt)
	preds := w.Elem().FieldByName("Predicates")
	preds.Set(reflect.Append(preds, visiblePredicate(v, wt)))
	ut := w.Elem().FieldByName(with).Type().Elem().Elem()
	u := reflect.New(ut)
	upreds := u.Elem().FieldByName("Predicates")
	upreds.Set(reflect.Append(upreds, visiblePredicate(v, ut)))
	edge := reflect.New(wt)
	list := reflect.MakeSlice(w.Elem().FieldByName(with).Type(), 1, 1)
	list.Index(0).Set(u)
	edge.Elem().FieldByName(with).Set(list)
	if not {
		outer := reflect.New(wt)
		outer.Elem().FieldByName("Not").Set(edge)
		edge = outer
	}
	w.Elem().FieldByName("And").Set(reflect.Append(reflect.MakeSlice(reflect.SliceOf(reflect.PointerTo(wt)), 0, 1), edge))
	out := w.MethodByName("P").Call(nil)
	require.True(t, out[1].IsNil(), "%v", out[1])
	q := query.MethodByName("Where").Call([]reflect.Value{out[0]})[0]
	res := q.MethodByName("Count").Call([]reflect.Value{reflect.ValueOf(viewer.System(context.Background(), "oracle"))})
	require.True(t, res[1].IsNil(), "%v", res[1])
	return int(res[0].Int())
}

// edgeFilters lists the has…With input fields of a where input.
func edgeFilters(schema *ast.Schema, input string) []string {
	var names []string
	for _, f := range schema.Types[input].Fields {
		if strings.HasPrefix(f.Name, "has") && strings.HasSuffix(f.Name, "With") {
			names = append(names, f.Name)
		}
	}
	return names
}

func upperFirst(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// connectionField is a field with a where argument: parent type, field name
// and where-input name.
type connectionField struct{ parent, field, input string }

func connectionFields(schema *ast.Schema) []connectionField {
	var out []connectionField
	for _, def := range schema.Types {
		if def.Kind != ast.Object || strings.HasPrefix(def.Name, "__") {
			continue
		}
		for _, f := range def.Fields {
			where := f.Arguments.ForName("where")
			if where == nil || !strings.HasSuffix(where.Type.Name(), "WhereInput") || !strings.HasSuffix(f.Type.Name(), "Connection") {
				continue
			}
			out = append(out, connectionField{def.Name, f.Name, where.Type.Name()})
		}
	}
	return out
}

func TestAuthorizationMatrixEdgeFilters(t *testing.T) {
	t.Parallel()
	f := newMatrixFixture(t)
	o := oracle{pool: f.pool}
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	types := whereTypes()
	sys := viewer.System(context.Background(), "oracle")
	fields := connectionFields(schema)
	require.NotEmpty(t, fields)
	cells := 0
	covered := map[string]bool{}
	for _, email := range f.identities() {
		v := f.viewer(email)
		for _, cf := range fields {
			wt, ok := types[cf.input]
			require.True(t, ok, "where input %s not found by whereTypes", cf.input)
			typ := strings.TrimSuffix(cf.input, "WhereInput")
			for _, filter := range edgeFilters(schema, cf.input) {
				with := upperFirst(filter)
				covered[cf.parent+"."+cf.field+"."+filter] = true
				if cf.parent == "Query" {
					for _, form := range []struct {
						where string
						not   bool
					}{
						{fmt.Sprintf("{%s: [{idGT: 0}]}", filter), false},
						{fmt.Sprintf("{%s: true}", strings.TrimSuffix(filter, "With")), false},
						{fmt.Sprintf("{%s: false}", strings.TrimSuffix(filter, "With")), true},
					} {
						res := f.query(t, email, fmt.Sprintf(`{ %s(where: %s) { totalCount } }`, cf.field, form.where), nil)
						require.Empty(t, res.Errors, "%s(where: %s) as %s", cf.field, form.where, email)
						query := reflect.ValueOf(f.client).Elem().FieldByName(typ).MethodByName("Query").Call(nil)[0]
						want := oracleEdgeCount(t, v, wt, with, form.not, query)
						require.JSONEq(t, fmt.Sprintf(`{%q:{"totalCount":%d}}`, cf.field, want), string(res.Data),
							"%s(where: %s) as %s counts rows through ones the viewer may not read", cf.field, form.where, email)
						cells++
					}
					continue
				}
				// A nested connection: through up to two parents the viewer reads.
				parents, _ := o.rows(t, v, cf.parent, 2)
				for _, pid := range parents {
					res := f.query(t, email, fmt.Sprintf(`query($id: ID!) { node(id: $id) { ... on %s { %s(where: {%s: [{idGT: 0}]}) { totalCount } } } }`,
						cf.parent, cf.field, filter), map[string]any{"id": fmt.Sprint(pid)})
					require.Empty(t, res.Errors, "%s.%s(where: {%s}) as %s", cf.parent, cf.field, filter, email)
					var got struct {
						Node map[string]struct{ TotalCount int }
					}
					require.NoError(t, json.Unmarshal(res.Data, &got))
					parentClient := reflect.ValueOf(f.client).Elem().FieldByName(cf.parent)
					out := parentClient.MethodByName("Get").Call([]reflect.Value{reflect.ValueOf(sys), reflect.ValueOf(pid)})
					require.True(t, out[1].IsNil(), "%v", out[1])
					edgeQuery := out[0].MethodByName("Query" + upperFirst(cf.field))
					if !edgeQuery.IsValid() {
						t.Fatalf("%s.%s is not an ent edge; teach this test its rows", cf.parent, cf.field)
					}
					want := oracleEdgeCount(t, v, wt, with, false, edgeQuery.Call(nil)[0])
					require.Equal(t, want, got.Node[cf.field].TotalCount,
						"%s %d .%s(where: {%s}) as %s counts rows through ones the viewer may not read", cf.parent, pid, cf.field, filter, email)
					cells++
				}
			}
		}
	}
	t.Logf("edge filters: %d filters of %d connections; %d checks", len(covered), len(fields), cells)
}

// TestRestrictWhereCoversEveryType fails when a where input has no
// visibility rule in rule.ScopeWhereInput (it would refuse every filter
// through that type).
func TestRestrictWhereCoversEveryType(t *testing.T) {
	t.Parallel()
	types := whereTypes()
	for name, def := range generated.NewExecutableSchema(generated.Config{}).Schema().Types {
		if def.Kind == ast.InputObject && strings.HasSuffix(name, "WhereInput") {
			require.Contains(t, types, name, "add %s to the roots of whereTypes", name)
		}
	}
	kam := &viewer.Viewer{Kind: viewer.KindUser, UserID: 1, Roles: []viewer.Role{viewer.RoleKeyAccountManager}}
	for name, wt := range types {
		for i := range wt.NumField() {
			fld := wt.Field(i)
			if !strings.HasPrefix(fld.Name, "Has") || !strings.HasSuffix(fld.Name, "With") {
				continue
			}
			w := reflect.New(wt)
			list := reflect.MakeSlice(fld.Type, 1, 1)
			list.Index(0).Set(reflect.New(fld.Type.Elem().Elem()))
			w.Elem().Field(i).Set(list)
			require.NoError(t, rule.ScopeWhereInput(kam, w.Interface()), "%s.%s", name, fld.Name)
		}
	}
}

package demo

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/internal/churn"
	"github.com/summitkam/summit/internal/churnscan"
	"github.com/summitkam/summit/internal/classes"
	"github.com/summitkam/summit/internal/jobargs"
	"github.com/summitkam/summit/internal/notify"
	"github.com/summitkam/summit/internal/review"
	"github.com/summitkam/summit/internal/viewer"
)

// The demo users the story is told through (see internal/seed).
const (
	AdminEmail = "admin@summit.example"
	ExecEmail  = "exec01@summit.example"
	KAMEmail   = "kam01@summit.example"
	PMEmail    = "pm01@summit.example"
)

// Options configure Stage.
type Options struct {
	// AsOf is the seed's "today" (seed.Options.AsOf): review cycles are
	// dated from it. Defaults to the current UTC day.
	AsOf time.Time

	// Now is when the story happens: the churn scan's moment and the
	// reminders' day. Defaults to time.Now().
	Now time.Time

	// ChurnModel is the churn model the workers use (config.Config.ChurnModel).
	// Defaults to the built-in model.
	ChurnModel churn.Config

	// Location is the business time zone of reminders. Defaults to
	// Asia/Shanghai (or UTC where the zone database is missing).
	Location *time.Location

	// Logger receives one line per chapter. Defaults to discarding.
	Logger *slog.Logger
}

// WithDefaults returns o with zero fields set to their defaults.
func (o Options) WithDefaults() Options {
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.AsOf.IsZero() {
		o.AsOf = o.Now
	}
	o.AsOf = review.Day(o.AsOf)
	o.ChurnModel = o.ChurnModel.WithDefaults()
	if o.Location == nil {
		loc, err := time.LoadLocation("Asia/Shanghai")
		if err != nil {
			loc = time.UTC
		}
		o.Location = loc
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// Stats report what Stage did.
type Stats struct {
	// Cycles are the review cycles, oldest first: two PUBLISHED, the last
	// IN_REVIEW.
	Cycles []string
	// HandedOver are the S/A accounts moved to kam01 so the demo
	// key-account manager has a portfolio worth showing.
	HandedOver []int
	// Plans counts the plans written, by final status.
	Plans map[string]int
	// Alerts is the number of alerts the churn scan opened.
	Alerts int
	// Duration is the wall time of Stage.
	Duration time.Duration
}

// story is one run of Stage.
type story struct {
	opts   Options
	pool   *pgxpool.Pool
	client *ent.Client
	api    *api
	review *review.Service
	log    *slog.Logger
	stats  Stats

	admin, exec, kam, pm *viewer.Viewer
	versionID            int
}

// Stage tells the demo story on a freshly seeded database (see the package
// documentation). It refuses a database that already has review cycles or
// plans: the story is for the first start only.
func Stage(ctx context.Context, pool *pgxpool.Pool, client *ent.Client, opts Options) (Stats, error) {
	start := time.Now()
	opts = opts.WithDefaults()
	s := &story{
		opts: opts, pool: pool, client: client, log: opts.Logger,
		api:    newAPI(pool, client, opts.ChurnModel),
		review: &review.Service{Pool: pool, Logger: opts.Logger},
		stats:  Stats{Plans: map[string]int{}},
	}
	var told bool
	if err := pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM review_cycles) OR EXISTS (SELECT 1 FROM account_plans)`).Scan(&told); err != nil {
		return Stats{}, fmt.Errorf("error checking for an earlier demo story: %w", err)
	}
	if told {
		return Stats{}, ErrTold
	}
	chapters := []struct {
		name string
		run  func(context.Context) error
	}{
		{"cast", s.cast},
		{"published reviews", s.publishedReviews},
		{"handover to kam01", s.handover},
		{"churn scan", s.churnScan},
		{"plans", s.plans},
		{"alert responses", s.alertResponses},
		{"class overrides", s.overrides},
		{"tier decisions", s.tierDecisions},
		{"review in progress", s.reviewInProgress},
		{"touchpoints and reminders", s.touchpointsAndReminders},
	}
	for _, c := range chapters {
		t0 := time.Now()
		if err := c.run(ctx); err != nil {
			return s.stats, fmt.Errorf("demo story, %s: %w", c.name, err)
		}
		s.log.InfoContext(ctx, "demo story", "chapter", c.name, "elapsed", time.Since(t0).Round(time.Millisecond))
	}
	s.stats.Duration = time.Since(start)
	return s.stats, nil
}

// ErrTold is returned by Stage when the database already has review cycles
// or plans.
var ErrTold = errors.New("demo: the database already has review cycles or plans")

// cast loads the demo users and the published grading model of scope ALL
// (the presets are installed here if the caller has not yet).
func (s *story) cast(ctx context.Context) error {
	if _, err := classes.EnsurePresets(viewer.System(ctx, "demo"), s.client); err != nil {
		return err
	}
	var err error
	for _, c := range []struct {
		v     **viewer.Viewer
		email string
	}{{&s.admin, AdminEmail}, {&s.exec, ExecEmail}, {&s.kam, KAMEmail}, {&s.pm, PMEmail}} {
		if *c.v, err = s.api.as(ctx, c.email); err != nil {
			return err
		}
	}
	err = s.pool.QueryRow(ctx, `
		SELECT v.id FROM grading_model_versions v JOIN grading_models m ON m.id = v.model_id
		WHERE v.status = 'PUBLISHED' AND m.scope = 'ALL'
		ORDER BY v.published_at DESC NULLS LAST, v.id DESC LIMIT 1`).Scan(&s.versionID)
	if err != nil {
		return fmt.Errorf("error finding the published grading model of scope ALL: %w", err)
	}
	return nil
}

// ---- review cycles ----

// quarters returns the two quarters before AsOf's and AsOf's own.
func (s *story) quarters() (before2, before1, current review.Period) {
	current = review.QuarterOf(s.opts.AsOf)
	return review.QuarterOf(current.Start.AddDate(0, -6, 0)), review.QuarterOf(current.Start.AddDate(0, -3, 0)), current
}

// publishedReviews grades every account twice, as of the starts of the two
// quarters before this one, and publishes both: the class history has a
// before and after, and the portfolio a migration between them.
func (s *story) publishedReviews(ctx context.Context) error {
	q2, q1, _ := s.quarters()
	for i, q := range []review.Period{q2, q1} {
		id, err := s.computeCycle(ctx, q)
		if err != nil {
			return err
		}
		if err := s.decideAndPublish(ctx, id, i == 1); err != nil {
			return err
		}
	}
	return nil
}

// computeCycle starts a cycle as an executive would and works its jobs with
// the workers' code until it is IN_REVIEW.
func (s *story) computeCycle(ctx context.Context, q review.Period) (int, error) {
	var out struct {
		StartReviewCycle struct{ ID id } `json:"startReviewCycle"`
	}
	if err := s.api.do(ctx, s.exec, `mutation($v: ID!, $n: String!, $at: Time) {
		startReviewCycle(scope: ALL, modelVersionID: $v, name: $n, asOf: $at) { id } }`,
		map[string]any{"v": gid(s.versionID), "n": q.Name, "at": q.Start}, &out); err != nil {
		return 0, err
	}
	cycleID := out.StartReviewCycle.ID.Int()
	jobs := &chunkJobs{}
	if err := s.review.Plan(ctx, cycleID, jobs); err != nil {
		return 0, err
	}
	for _, c := range jobs.chunks {
		if err := s.review.RunChunk(ctx, c); err != nil {
			return 0, err
		}
	}
	var status string
	if err := s.pool.QueryRow(ctx, `SELECT status FROM review_cycles WHERE id = $1`, cycleID).Scan(&status); err != nil {
		return 0, fmt.Errorf("error reading review cycle %d: %w", cycleID, err)
	}
	if status != review.StatusInReview {
		return 0, fmt.Errorf("review cycle %s is %s after its chunks ran, want IN_REVIEW", q.Name, status)
	}
	s.stats.Cycles = append(s.stats.Cycles, q.Name)
	return cycleID, nil
}

// decideAndPublish has the executive decide every move into or out of S/A
// (rejecting two in the later cycle, with a note) and the admin publish.
func (s *story) decideAndPublish(ctx context.Context, cycleID int, rejectSome bool) error {
	ids, err := s.ints(ctx, `SELECT id FROM review_results WHERE cycle_id = $1 AND status = 'PENDING_APPROVAL' ORDER BY id`, cycleID)
	if err != nil {
		return err
	}
	if rejectSome && len(ids) > 10 {
		if err := s.api.do(ctx, s.exec, `mutation($ids: [ID!]!, $note: String!) { rejectReviewResults(ids: $ids, note: $note) { id } }`,
			map[string]any{"ids": gids(ids[:2]), "note": "一个季度的波动不足以调整战略级别，下季度再看 (one quarter's swing is not enough to change a strategic class)"}, nil); err != nil {
			return err
		}
		ids = ids[2:]
	}
	for lo := 0; lo < len(ids); lo += review.MaxDecisions {
		hi := min(lo+review.MaxDecisions, len(ids))
		if err := s.api.do(ctx, s.exec, `mutation($ids: [ID!]!, $note: String) { approveReviewResults(ids: $ids, note: $note) { id } }`,
			map[string]any{"ids": gids(ids[lo:hi]), "note": "与区域总裁核对后同意 (agreed with the regional presidents)"}, nil); err != nil {
			return err
		}
	}
	if err := s.api.do(ctx, s.admin, `mutation($id: ID!) { publishReviewCycle(id: $id) { id } }`, map[string]any{"id": gid(cycleID)}, nil); err != nil {
		return err
	}
	// The mutation enqueued the publish job; the story runs the worker's
	// code now so the classes exist for the next chapters. When the real
	// worker gets to the job, the cycle is PUBLISHED and the job does nothing.
	return s.review.Publish(ctx, jobargs.ReviewPublish{CycleID: cycleID, ActorID: s.admin.UserID, ActorLabel: s.admin.Label})
}

// reviewInProgress grades this quarter and leaves the cycle IN_REVIEW: moves
// into and out of S/A wait for an executive, and kam01 contests one proposal.
func (s *story) reviewInProgress(ctx context.Context) error {
	_, _, q := s.quarters()
	cycleID, err := s.computeCycle(ctx, q)
	if err != nil {
		return err
	}
	var resultID int
	var name string
	err = s.pool.QueryRow(ctx, `
		SELECT r.id, a.name FROM review_results r JOIN accounts a ON a.id = r.account_id
		WHERE r.cycle_id = $1 AND a.owner_id = $2 AND r.status IN ('PROPOSED', 'PENDING_APPROVAL')
		  AND r.proposed_class > coalesce(r.previous_class, 'A')
		ORDER BY r.previous_class, r.id LIMIT 1`, cycleID, s.kam.UserID).Scan(&resultID, &name)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
	case err != nil:
		return fmt.Errorf("error choosing a proposal for kam01 to contest: %w", err)
	default:
		if err := s.api.do(ctx, s.kam, `mutation($id: ID!, $r: String!) { contestReviewResult(id: $id, reason: $r) { id } }`,
			map[string]any{"id": gid(resultID), "r": "第四季度有两笔大单已签约待发货，降级会影响续约谈判 (two large Q4 orders are signed and about to ship; a downgrade now would hurt the renewal talks)"}, nil); err != nil {
			return err
		}
	}
	// Tell those who decide that the cycle waits for them.
	var waiting int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM review_results WHERE cycle_id = $1 AND status IN ('PENDING_APPROVAL', 'CONTESTED')`, cycleID).Scan(&waiting); err != nil {
		return fmt.Errorf("error counting results awaiting a decision: %w", err)
	}
	var msgs []notify.Message
	for _, v := range []*viewer.Viewer{s.exec, s.admin} {
		msgs = append(msgs, notify.Message{
			RecipientID: v.UserID, Kind: "review.in_review",
			Title:      fmt.Sprintf("分级评定 %s 待审批：%d 项调整等待高管决定", q.Name, waiting),
			Body:       fmt.Sprintf("Review cycle %s is IN_REVIEW: %d moves into or out of S/A (or contested) await an executive's decision before it can be published.", q.Name, waiting),
			EntityType: "ReviewCycle", EntityID: cycleID, DedupKey: fmt.Sprintf("review:%d:in_review:%d", cycleID, v.UserID),
		})
	}
	_, err = notify.Enqueue(ctx, s.pool, msgs...)
	return err
}

// ---- helpers ----

func (s *story) ints(ctx context.Context, query string, args ...any) ([]int, error) {
	rows, err := s.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("error querying demo data: %w", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[int])
	if err != nil {
		return nil, fmt.Errorf("error querying demo data: %w", err)
	}
	return out, nil
}

func gids(ids []int) []string {
	out := make([]string, len(ids))
	for i, n := range ids {
		out[i] = gid(n)
	}
	return out
}

// churnScan runs the daily churn scan now, with the workers' code, over
// every account: alerts open with their signals and deadlines, owners are
// notified, high-risk accounts move to the decline stage.
func (s *story) churnScan(ctx context.Context) error {
	svc, err := churnscan.New(s.pool, churnscan.Config{Model: s.opts.ChurnModel, Logger: s.log})
	if err != nil {
		return err
	}
	ranges, err := churnscan.Ranges(ctx, s.pool, 5000)
	if err != nil {
		return err
	}
	for _, r := range ranges {
		res, err := svc.RunChunk(ctx, s.opts.Now, r.From, r.To)
		if err != nil {
			return err
		}
		s.stats.Alerts += res.Opened
	}
	return nil
}

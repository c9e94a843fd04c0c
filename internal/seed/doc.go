// Package seed fills an empty database with a realistic, deterministic
// demo data set for Summit: staff and roles, categories, class policies,
// the distributor ladder, and accounts with their groups, orders,
// collections, contacts, touchpoints, surveys, complaints, teams and
// partner profiles.
//
//	stats, err := seed.Run(ctx, pool, seed.Options{Accounts: 10_000})
//
// The same Options (Accounts, Seed, AsOf) give the same rows and ids in an
// empty database. Run writes everything in one transaction and refuses
// (ErrNotEmpty) when accounts already has rows.
//
// # Demo users
//
// Staff sign in through SSO; the seed creates these users (the login page
// lists them), each with one LOCAL role assignment:
//
//	admin@summit.example              ADMIN                系统管理员
//	exec01@summit.example             EXECUTIVE            集团副总裁 (group VP, every region)
//	exec02 … exec05@summit.example    EXECUTIVE            regional presidents: EAST, NORTH, SOUTH,
//	                                                       CENTRAL + WEST + NORTHEAST
//	kam01@summit.example …            KEY_ACCOUNT_MANAGER  one per 40 accounts, at least 5
//	                                                       (kam01–kam06 cover EAST, NORTH, SOUTH,
//	                                                       CENTRAL, WEST, NORTHEAST)
//	channel@summit.example            PARTNER_MANAGER      渠道总监, every region (region NULL)
//	pm01 … pm06@summit.example        PARTNER_MANAGER      region-scoped: EAST, NORTH, SOUTH, CENTRAL,
//	                                                       WEST, NORTHEAST (one more set per
//	                                                       40,000 accounts: pm07 EAST …)
//	sales01@summit.example …          MEMBER               sales reps (one per 100 accounts, at least 6)
//	presales01@summit.example …       MEMBER               presales engineers (per 250, at least 3)
//	service01@summit.example …        MEMBER               service managers (per 150, at least 4)
//	viewer@summit.example             VIEWER               read-only
//	analyst@summit.example            VIEWER               business analyst
//
// Numbers have at least two digits (kam01, kam12, kam123). DemoUsers lists
// the first of each kind.
//
// # What the data looks like
//
//   - Regions EAST, NORTH, SOUTH, CENTRAL, WEST, NORTHEAST with their
//     provinces and cities; account names are Chinese, some with English
//     names.
//   - Accounts: B2B mostly, about 20% end customers, 8% distributors, 1%
//     internal. About 5% are group parents with 2–8 subsidiaries, at most
//     three levels deep. Lifecycle: mostly STABLE and FORMATION, about 8%
//     EXPLORATION prospects (no orders, expected close 1–18 months ahead),
//     some DECLINE, a few LOST. current_class is left NULL.
//   - Annual value is lognormal: the top 20% of accounts carry about 80% of
//     revenue. Orders go back three years from AsOf, about 20 per account
//     (big accounts order more often), following each account's value and
//     growth trend. Collections follow payment terms with a lateness
//     distribution; receivables and overdue receivables on the account are
//     exactly what its shipped orders have not been paid.
//   - About 3% of customers are planted as fading (Stats.FadedAccountIDs):
//     their orders thin out and stop 120–300 days before AsOf, the decision
//     maker left (active=false, left_at) and was not replaced, the last
//     touchpoint is 150+ days old, satisfaction falls survey after survey
//     and the last orders go unpaid. Their lifecycle stage still says
//     STABLE.
//   - Distributor profiles have capital, staffing and trailing-12-month
//     performance that support each of the five tiers; most hold the tier
//     their numbers support, some hold one above (downgrade candidates) or
//     below.
//
// # Performance
//
// Rows are generated on the fly, account by account, while COPY streams
// them; only a small plan per account is kept in memory. Each table has
// its own random stream per account, so the order and collection writers
// replay the same simulation instead of buffering millions of rows. As a
// superuser, the load runs with session_replication_role = replica, which
// skips foreign-key triggers; references are consistent by construction
// and the tests check every foreign key.
package seed

package quadlog

import "testing"

func TestRedact(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`Couldn't open database at postgres://admin:S3cretPW@db:5432/x?sslmode=disable: &pq.Error{}`,
			`Couldn't open database at postgres://admin:xxxxx@db:5432/x?sslmode=disable: &pq.Error{}`},
		{`"postgresql://u:p%40ss@h/db" and cockroach://root:pw@h:26257/x`, `"postgresql://u:xxxxx@h/db" and cockroach://root:xxxxx@h:26257/x`},
		{`host=db user=admin password=S3cretPW dbname=x`, `host=db user=admin password=xxxxx dbname=x`},
		{`password='two words' sslmode=disable`, `password=xxxxx sslmode=disable`},
		{`postgres://admin@db/x has no password; http://example.org:8080/a@b neither`, `postgres://admin@db/x has no password; http://example.org:8080/a@b neither`},
	} {
		if got := Redact(tc.in); got != tc.want {
			t.Errorf("Redact(%q)\n = %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

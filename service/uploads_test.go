package service_test

import (
	"context"
	"errors"
	"io"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"nintei"
	"nintei/application"
	"nintei/internal/blob"
	"nintei/internal/jobs"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
	"nintei/service"
	"nintei/service/apply"
)

// dyingBlobs stores a file and then ends the calling goroutine, as if the
// process were killed right after the file was written and before its
// attachment row was committed (what the crash harness, cmd/nintei
// TestCrashConsistency, found: a whole file with no row, which nothing
// removed). Deferred calls run, but AddAttachment defers no cleanup.
type dyingBlobs struct {
	blob.Store
	keys chan string
}

func (d *dyingBlobs) PutAs(ctx context.Context, key string, r io.Reader, limit int64) (blob.Object, error) {
	if _, err := d.Store.PutAs(ctx, key, r, limit); err != nil {
		return blob.Object{}, err
	}
	d.keys <- key
	runtime.Goexit()
	panic("unreachable")
}

// a crash between storing an upload and recording it leaves a
// file only until the discard job scheduled before the upload runs (an hour
// later, when no upload can still be in progress); a recorded upload's job
// leaves its file alone. Regression test for the orphaned files the crash
// harness found.
func TestCrashedUploadIsDiscarded_R4_4(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		owner := principal(env.AddUser(t, "owner@a.example.jp", nintei.RoleOwner, "株式会社みなとクラウド"))
		a, err := env.Svc.OpenApplication(ctx, owner, "")
		ok(t, err)
		settings := service.DefaultSettings()
		settings.PasswordParams = testenv.FastPasswords
		dying := &dyingBlobs{Store: env.Blobs, keys: make(chan string, 1)}
		crashing := service.New(sqlstore.Port(env.Store), dying, env.Clock, env.Mail, env.Msgs, env.Log, settings)
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = crashing.AddAttachment(ctx, owner, a.ID, apply.NewAttachment{Purpose: application.PurposeExistence,
				FileName: "登記.pdf", Body: strings.NewReader(testenv.TinyPDF + "% lost\n"), Original: true})
			t.Error("AddAttachment returned: the simulated crash did not happen")
		}()
		wg.Wait()
		orphan := <-dying.keys
		kept, err := env.Svc.AddAttachment(ctx, owner, a.ID, apply.NewAttachment{Purpose: application.PurposeExistence,
			FileName: "登記.pdf", Body: strings.NewReader(testenv.TinyPDF), Original: true})
		ok(t, err)
		atts, err := env.Store.Attachments(ctx, a.ID)
		ok(t, err)
		if len(atts) != 1 || atts[0].ID != kept.ID {
			t.Fatalf("attachments = %+v, want only the recorded one", atts)
		}
		if _, err := env.Blobs.Stat(ctx, orphan); err != nil {
			t.Fatalf("the crashed upload's file: %v, want it stored (the crash came after the write)", err)
		}

		// The recorded upload's discard job was cancelled with its row; only
		// the crashed upload's waits.
		counts, err := env.Store.CountJobs(ctx, env.Clock.Now())
		ok(t, err)
		if counts.Queued != 1 {
			t.Errorf("queued jobs = %d, want the crashed upload's discard job only", counts.Queued)
		}

		runner := jobs.New(env.Store, env.Clock, jobs.Options{})
		env.Svc.RegisterJobs(runner)
		_, err = runner.RunDue(ctx)
		ok(t, err)
		if _, err := env.Blobs.Stat(ctx, orphan); err != nil {
			t.Fatalf("the file was discarded before the grace period: %v (an upload may still be in progress)", err)
		}
		env.Clock.Advance(time.Hour + time.Minute)
		_, err = runner.RunDue(ctx)
		ok(t, err)
		if _, err := env.Blobs.Stat(ctx, orphan); !errors.Is(err, blob.ErrNotFound) {
			t.Errorf("the unrecorded file after the discard job: %v, want it gone", err)
		}
		if _, r, err := env.Svc.OpenAttachment(ctx, owner, a.ID, kept.ID); err != nil {
			t.Errorf("the recorded file after the discard jobs: %v", err)
		} else {
			r.Close()
		}
		page, err := env.Store.AuditEvents(ctx, sqlstoreQuery("application"))
		ok(t, err)
		discarded := 0
		for _, e := range page {
			if e.Action == "upload.discarded" {
				discarded++
			}
		}
		if discarded != 1 {
			t.Errorf("upload.discarded events = %d, want 1", discarded)
		}
		if _, brk, err := env.Svc.VerifyAudit(ctx); err != nil || brk != nil {
			t.Errorf("audit verify: %v %+v", err, brk)
		}
	})
}

// slowBlobs stores a file and, before returning, lets the clock run past
// the upload grace period and the due jobs run: an upload recorded only
// after its discard job ran.
type slowBlobs struct {
	blob.Store
	late func()
}

func (s *slowBlobs) PutAs(ctx context.Context, key string, r io.Reader, limit int64) (blob.Object, error) {
	obj, err := s.Store.PutAs(ctx, key, r, limit)
	if err == nil {
		s.late()
	}
	return obj, err
}

// An upload whose discard job has already run is refused with a clear
// conflict, and leaves neither a row nor a file: the row is never
// committed for a file the job may have deleted.
func TestUploadRecordedAfterItsDiscardJobIsRefused_R4_4(t *testing.T) {
	env := testenv.Backends(t)[0].NewEnv(t)
	owner := principal(env.AddUser(t, "owner@a.example.jp", nintei.RoleOwner, "株式会社みなとクラウド"))
	a, err := env.Svc.OpenApplication(ctx, owner, "")
	ok(t, err)
	runner := jobs.New(env.Store, env.Clock, jobs.Options{})
	env.Svc.RegisterJobs(runner)
	slow := &slowBlobs{Store: env.Blobs, late: func() {
		env.Clock.Advance(2 * time.Hour)
		_, err := runner.RunDue(ctx)
		ok(t, err)
	}}
	settings := service.DefaultSettings()
	settings.PasswordParams = testenv.FastPasswords
	svc := service.New(sqlstore.Port(env.Store), slow, env.Clock, env.Mail, env.Msgs, env.Log, settings)
	_, err = svc.AddAttachment(ctx, owner, a.ID, apply.NewAttachment{Purpose: application.PurposeExistence,
		FileName: "登記.pdf", Body: strings.NewReader(testenv.TinyPDF), Original: true})
	if nintei.KindOf(err) != nintei.KindConflict {
		t.Fatalf("late upload: %v, want a conflict (error.attachment.expired)", err)
	}
	atts, err := env.Store.Attachments(ctx, a.ID)
	ok(t, err)
	if len(atts) != 0 {
		t.Errorf("attachments = %+v, want none", atts)
	}
}

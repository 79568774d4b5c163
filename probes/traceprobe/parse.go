package traceprobe

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strconv"
	"time"

	"github.com/goroot-lens/goroot-lens/internal/lazyre"
	xtrace "golang.org/x/exp/trace"
)

// probeLog is what the probe logged in its trace.
type probeLog struct {
	values  map[string]string // first message per category
	stats   []string          // os.Stat messages: label \t path \t result
	events  []Event
	timings []Timing
}

func (l *probeLog) value(category string) (string, bool) {
	v, ok := l.values[category]
	return v, ok
}

type openRegion struct {
	name, task string
	start      xtrace.Time
}

// parseTrace reads a runtime/trace file written by Go 1.22 or newer.
func parseTrace(r io.Reader) (*probeLog, error) {
	rd, err := xtrace.NewReader(r)
	if err != nil {
		return nil, err
	}
	l := &probeLog{values: map[string]string{}}
	tasks := map[xtrace.TaskID]string{}
	taskStart := map[xtrace.TaskID]xtrace.Time{}
	regions := map[xtrace.GoID][]openRegion{}
	var origin xtrace.Time
	originSet := false
	for {
		ev, err := rd.ReadEvent()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch ev.Kind() {
		case xtrace.EventTaskBegin:
			t := ev.Task()
			tasks[t.ID], taskStart[t.ID] = t.Type, ev.Time()
			if !originSet {
				origin, originSet = ev.Time(), true
			}
		case xtrace.EventTaskEnd:
			t := ev.Task()
			if start, ok := taskStart[t.ID]; ok {
				l.timings = append(l.timings, Timing{Kind: "task", Name: tasks[t.ID], Duration: ev.Time().Sub(start)})
			}
		case xtrace.EventRegionBegin:
			r := ev.Region()
			g := ev.Goroutine()
			regions[g] = append(regions[g], openRegion{name: r.Type, task: tasks[r.Task], start: ev.Time()})
		case xtrace.EventRegionEnd:
			r := ev.Region()
			g := ev.Goroutine()
			stack := regions[g]
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].name == r.Type {
					l.timings = append(l.timings, Timing{Kind: "region", Name: r.Type, Task: stack[i].task, Duration: ev.Time().Sub(stack[i].start)})
					regions[g] = append(stack[:i], stack[i+1:]...)
					break
				}
			}
		case xtrace.EventLog:
			lg := ev.Log()
			e := Event{Category: lg.Category, Message: lg.Message, Task: tasks[lg.Task]}
			if stack := regions[ev.Goroutine()]; len(stack) > 0 {
				e.Region = stack[len(stack)-1].name
			}
			if originSet {
				e.Time = ev.Time().Sub(origin)
			}
			l.events = append(l.events, e)
			if lg.Category == "os.Stat" {
				l.stats = append(l.stats, lg.Message)
			} else if _, dup := l.values[lg.Category]; !dup {
				l.values[lg.Category] = lg.Message
			}
		}
	}
	if len(l.events) == 0 {
		return nil, errors.New("the trace holds no logged values")
	}
	return l, nil
}

var reInit = lazyre.New(`^init (\S+) @([0-9.]+) ms, ([0-9.]+) ms clock, (\d+) bytes, (\d+) allocs`)

// parseInittrace reads the GODEBUG=inittrace=1 lines of the probe's stderr.
// The format is documented as subject to change: weak, secondary evidence.
func parseInittrace(stderr []byte) []Event {
	var out []Event
	sc := bufio.NewScanner(bytes.NewReader(stderr))
	for sc.Scan() {
		m := reInit().FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		at, _ := strconv.ParseFloat(m[2], 64)
		out = append(out, Event{
			Category: "inittrace",
			Message:  m[1] + ": " + m[3] + " ms clock, " + m[4] + " bytes, " + m[5] + " allocs",
			Time:     time.Duration(at * float64(time.Millisecond)),
		})
	}
	return out
}

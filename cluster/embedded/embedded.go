// Package embedded runs real NATS servers with JetStream inside the
// process, on loopback and ephemeral ports only: one server for trying the
// cluster package on one machine, or a cluster of several for tests that
// stop and restart servers under load. It is a package of its own so that
// programs that only connect to NATS do not link the server.
package embedded

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// host is the only address servers listen on.
const host = "127.0.0.1"

// readyTimeout bounds how long a server may take to accept clients.
const readyTimeout = 10 * time.Second

// Start runs one JetStream server storing its data under dir, listening
// for clients on a free loopback port. Stop it with Shutdown.
func Start(dir string) (*server.Server, error) {
	return start(&server.Options{
		ServerName: "byline-0",
		Host:       host,
		Port:       server.RANDOM_PORT,
		JetStream:  true,
		StoreDir:   dir,
		NoLog:      true,
		NoSigs:     true,
		HTTPPort:   0,
	})
}

func start(opts *server.Options) (*server.Server, error) {
	s, err := server.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("embedded: %w", err)
	}
	go s.Start()
	if !s.ReadyForConnections(readyTimeout) {
		s.Shutdown()
		return nil, errors.New("embedded: server not ready in time")
	}
	return s, nil
}

// A Cluster is a JetStream cluster of servers in this process, routed to
// each other on loopback. Servers can be stopped and restarted, keeping
// their names and stored data, to test what clients see when one fails.
// It is safe for concurrent use.
type Cluster struct {
	dir     string
	mu      sync.Mutex
	servers []*server.Server // nil while stopped
	ports   []int            // each server's route port
}

// freePort returns a loopback TCP port nothing listens on now.
func freePort() (int, error) {
	l, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		return 0, fmt.Errorf("embedded: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// StartCluster runs n JetStream servers (n ≥ 1) under dir, the first
// seeding the routes of the others, and waits until they have elected a
// JetStream meta leader.
func StartCluster(n int, dir string) (*Cluster, error) {
	if n < 1 {
		return nil, errors.New("embedded: a cluster needs at least one server")
	}
	c := &Cluster{dir: dir, servers: make([]*server.Server, n), ports: make([]int, n)}
	// JetStream's clustering needs every route configured at start, so
	// the route ports are chosen first: free ephemeral loopback ports,
	// kept across restarts.
	for i := range c.ports {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		c.ports[i] = port
	}
	for i := range n {
		if err := c.Restart(i); err != nil {
			c.Shutdown()
			return nil, err
		}
	}
	if err := c.WaitReady(30 * time.Second); err != nil {
		c.Shutdown()
		return nil, err
	}
	return c, nil
}

// Restart starts server i, which must be stopped, with its old name,
// data and route port; its client port is new.
func (c *Cluster) Restart(i int) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.servers[i] != nil {
		return fmt.Errorf("embedded: server %d is running", i)
	}
	var routes []*url.URL
	for j, port := range c.ports {
		if j != i {
			routes = append(routes, &url.URL{Scheme: "nats", Host: net.JoinHostPort(host, strconv.Itoa(port))})
		}
	}
	dir := filepath.Join(c.dir, fmt.Sprint("n", i))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	s, err := start(&server.Options{
		ServerName: fmt.Sprint("byline-", i),
		Host:       host,
		Port:       server.RANDOM_PORT,
		JetStream:  true,
		StoreDir:   dir,
		NoLog:      true,
		NoSigs:     true,
		Cluster:    server.ClusterOpts{Name: "byline", Host: host, Port: c.ports[i]},
		Routes:     routes,
	})
	if err != nil {
		return err
	}
	c.servers[i] = s
	return nil
}

// Stop shuts server i down and waits until it has.
func (c *Cluster) Stop(i int) {
	c.mu.Lock()
	s := c.servers[i]
	c.servers[i] = nil
	c.mu.Unlock()
	if s != nil {
		s.Shutdown()
		s.WaitForShutdown()
	}
}

// Shutdown stops every server.
func (c *Cluster) Shutdown() {
	for i := range c.servers {
		c.Stop(i)
	}
}

// URLs returns the client URLs of the running servers, comma-separated,
// as nats.Connect takes them.
func (c *Cluster) URLs() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out string
	for _, s := range c.servers {
		if s != nil {
			if out != "" {
				out += ","
			}
			out += s.ClientURL()
		}
	}
	return out
}

// Server returns server i, or nil while it is stopped.
func (c *Cluster) Server(i int) *server.Server {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.servers[i]
}

// WaitReady waits until every running server is routed to the others and
// current with an elected JetStream meta leader, or timeout passes.
func (c *Cluster) WaitReady(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		c.mu.Lock()
		running, ready, leader := 0, 0, false
		for _, s := range c.servers {
			if s == nil {
				continue
			}
			running++
			if s.NumRoutes() > 0 || len(c.servers) == 1 {
				if s.JetStreamIsCurrent() {
					ready++
				}
			}
			leader = leader || s.JetStreamIsLeader()
		}
		c.mu.Unlock()
		if ready == running && leader {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("embedded: cluster not ready after %v (%d of %d servers current, leader %v)", timeout, ready, running, leader)
		}
		<-tick.C
	}
}

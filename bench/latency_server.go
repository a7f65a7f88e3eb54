// The throughput bench's server (bench/check_links.py), compiled: cheap enough not to be the bottleneck.
//
// Usage: "latency_server HOSTS LATENCY_MS" or "latency_server client PER_HOST < URLS".
//
// Listens on 127.0.0.1 .. 127.0.0.HOSTS (port 0 each), prints the ports as a JSON list, and
// answers every request after LATENCY_MS: /page/N is its own 200 HTML page, anything else 404
// (so soft-404 probes meet a site with real 404s). HTTP/1.1 keep-alive (Go's net/http).
// The client mode is a bare compiled client for the same bench: it GETs the URLs read from
// stdin (one a line), PER_HOST at a time per host on keep-alive connections, and prints the
// seconds taken: what the server and the machine allow with next to no client CPU.
// Written in Go because a Python server sharing the machine's two cores with the client
// delayed its answers (README, section check): the bench measured the server, not the client.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

var notFound = []byte("<html><title>Not found</title></html>")

func main() {
	if len(os.Args) == 3 && os.Args[1] == "client" {
		client(os.Args[2])
		return
	}
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: latency_server HOSTS LATENCY_MS")
		os.Exit(2)
	}
	hosts, err := strconv.Atoi(os.Args[1])
	if err != nil {
		panic(err)
	}
	ms, err := strconv.ParseFloat(os.Args[2], 64)
	if err != nil {
		panic(err)
	}
	latency := time.Duration(ms * float64(time.Millisecond))
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(latency)
		w.Header().Set("Content-Type", "text/html")
		body := notFound
		status := http.StatusNotFound
		if strings.HasPrefix(r.URL.Path, "/page/") {
			n := r.URL.Path[6:]
			body = []byte("<html><title>Page " + n + "</title><body>Text of page " + n + ".</body></html>")
			status = http.StatusOK
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			w.Write(body)
		}
	})
	ports := []int{}
	for i := 1; i <= hosts; i++ {
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.%d:0", i))
		if err != nil {
			panic(err)
		}
		ports = append(ports, ln.Addr().(*net.TCPAddr).Port)
		go http.Serve(ln, handler)
	}
	out, _ := json.Marshal(ports)
	fmt.Println(string(out))
	select {}
}

func client(perHostArg string) {
	perHost, err := strconv.Atoi(perHostArg)
	if err != nil {
		panic(err)
	}
	queues := map[string]chan string{}
	var order []string
	lines := bufio.NewScanner(os.Stdin)
	var urls []string
	for lines.Scan() {
		if line := strings.TrimSpace(lines.Text()); line != "" {
			urls = append(urls, line)
		}
	}
	counts := map[string]int{}
	for _, u := range urls {
		parsed, err := url.Parse(u)
		if err != nil {
			panic(err)
		}
		counts[parsed.Host]++
	}
	for _, u := range urls {
		parsed, _ := url.Parse(u)
		if queues[parsed.Host] == nil {
			queues[parsed.Host] = make(chan string, counts[parsed.Host])
			order = append(order, parsed.Host)
		}
		queues[parsed.Host] <- u
	}
	transport := &http.Transport{MaxIdleConnsPerHost: perHost, MaxConnsPerHost: perHost, DisableCompression: true}
	web := &http.Client{Transport: transport}
	var wg sync.WaitGroup
	start := time.Now()
	for _, host := range order {
		queue := queues[host]
		close(queue)
		for i := 0; i < perHost; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for u := range queue {
					resp, err := web.Get(u)
					if err != nil {
						panic(err)
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}()
		}
	}
	wg.Wait()
	fmt.Printf("%.6f\n", time.Since(start).Seconds())
}

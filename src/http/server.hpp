#pragma once
// The HTTP and WebSocket server (Boost.Beast and Asio with C++20 coroutines). The only part of
// Outbreak that sees a socket: it reads requests within limits and timeouts, hands them to the
// Api, writes the answers, logs every request, upgrades /api/v1/live to the WebSocket feed, and
// shuts down gracefully on SIGINT or SIGTERM (stops accepting, lets in-flight requests finish).

#include <cstdint>
#include <functional>
#include <string>

#include "app/live_feed.hpp"
#include "core/status.hpp"
#include "http/api.hpp"

namespace outbreak::http {

struct ServerOptions {
  std::string address = "127.0.0.1";  // the address to listen on
  uint16_t port = 8080;               // 0: any free port
  int threads = 2;                    // threads running handlers
  size_t header_limit_bytes = 16 * 1024;
  size_t body_limit_bytes = 4 * 1024 * 1024;
  int read_timeout_seconds = 30;  // a request must arrive whole within this
  int write_timeout_seconds = 30;
  int keep_alive_seconds = 60;      // an idle keep-alive connection is closed after this
  int shutdown_grace_seconds = 15;  // in-flight requests get this long to finish
  size_t live_queue_limit = 1000;   // events queued for a slow WebSocket client
  int slow_threads = 2;             // worker threads for the routes declared slow (plans, replays)
  // Threads that run the other writes, off the network threads: each waits for its write's
  // commit, and writes that wait together share one commit (app/group_commit.hpp).
  int write_threads = 64;
  int slow_queue_limit = 32;  // slow requests running or waiting; beyond it 503 with Retry-After
};

// Runs until SIGINT or SIGTERM. `on_listening` is called with the bound port once accepting.
Status RunServer(const ServerOptions& options, const Api& api, app::LiveFeed& feed,
                 const std::function<void(uint16_t port)>& on_listening);

}  // namespace outbreak::http

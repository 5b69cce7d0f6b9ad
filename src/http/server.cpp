#include "http/server.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "http/json_response.hpp"

namespace outbreak::http {

namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using BeastRequest = bhttp::request<bhttp::string_body>;
using BeastResponse = bhttp::response<bhttp::string_body>;

struct Shared {
  const ServerOptions& options;
  const Api& api;
  app::LiveFeed& feed;
  net::thread_pool& slow_pool;   // runs the routes declared slow, off the network threads
  net::thread_pool& write_pool;  // runs the other writes, off the network threads
  std::atomic<int> in_flight{0};
  std::atomic<int> slow_in_flight{0};  // slow requests running or waiting for the pool
  std::atomic<bool> stopping{false};
};

// Counts a request as in flight from its headers to its answer, so that a shutdown also waits for
// a request whose body is still arriving.
class InFlight {
 public:
  explicit InFlight(std::atomic<int>& count) : count_(count) { ++count_; }
  ~InFlight() { --count_; }
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;

 private:
  std::atomic<int>& count_;
};

HttpRequest ToRequest(const BeastRequest& request, const std::string& remote) {
  HttpRequest out;
  out.method = std::string(request.method_string());
  if (!ParseTarget(std::string(request.target()), out.path, out.query)) out.path.clear();
  for (const auto& field : request) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(field.value());
  }
  out.body = request.body();
  out.remote_address = remote;
  return out;
}

BeastResponse ToBeast(const HttpResponse& response, unsigned version, bool keep_alive) {
  BeastResponse out{static_cast<bhttp::status>(response.status), version};
  out.set(bhttp::field::server, "outbreak");
  out.set(bhttp::field::content_type, response.content_type);
  out.set(bhttp::field::cache_control, "no-store");
  for (const auto& [name, value] : response.headers) out.set(name, value);
  out.keep_alive(keep_alive);
  out.body() = response.body;
  out.prepare_payload();
  return out;
}

// The request target as the log keeps it: a token sent in the query (`token=`, `access_token=`;
// no route takes one) is blanked, so that a log never holds one.
std::string LoggedTarget(std::string_view target) {
  constexpr std::string_view kToken = "token=";
  std::string out(target);
  size_t at = 0;
  while ((at = out.find(kToken, at)) != std::string::npos) {
    const size_t value = at + kToken.size();
    const size_t end = std::min(out.find('&', value), out.size());
    out.replace(value, end - value, "***");
    at = value + 3;
  }
  return out;
}

// The live feed of one WebSocket client: events queued by publishers, written by one coroutine.
struct LiveState {
  explicit LiveState(tcp::socket socket) : ws(std::move(socket)), signal(ws.get_executor()) {}
  websocket::stream<beast::tcp_stream> ws;
  net::steady_timer signal;
  std::deque<std::string> queue;
  bool closed = false;
  size_t dropped = 0;
};

net::awaitable<void> ReadUntilClosed(std::shared_ptr<LiveState> state) {
  beast::flat_buffer buffer;
  boost::system::error_code ec;
  while (!state->closed) {
    co_await state->ws.async_read(buffer, net::redirect_error(net::use_awaitable, ec));
    if (ec) break;
    buffer.consume(buffer.size());
  }
  state->closed = true;
  state->signal.cancel();
}

// Closes the feed once its token no longer holds (revoked, expired, or its user disabled). Checked
// every second; a revocation by another process shows once the token cache lapses (5 s), so the
// feed outlives no right by more than that.
net::awaitable<void> WatchToken(Shared& shared, std::shared_ptr<LiveState> state,
                                HttpRequest upgrade) {
  net::steady_timer timer(state->ws.get_executor());
  boost::system::error_code ec;
  while (!state->closed) {
    timer.expires_after(std::chrono::seconds(1));
    co_await timer.async_wait(net::redirect_error(net::use_awaitable, ec));
    if (state->closed || shared.stopping) break;
    if (!shared.api.Authenticate(upgrade).ok()) {
      state->closed = true;
      state->signal.cancel();
      co_await state->ws.async_close(
          websocket::close_reason(websocket::close_code::policy_error, "sign in again"),
          net::redirect_error(net::use_awaitable, ec));
      break;
    }
  }
}

net::awaitable<void> LiveSession(Shared& shared, tcp::socket socket, BeastRequest request,
                                 HttpRequest upgrade, app::Principal principal, RegionIdx home) {
  auto state = std::make_shared<LiveState>(std::move(socket));
  state->ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
  if (SubprotocolToken(upgrade)) {
    // A client that offers its token as a subprotocol must be answered with one it offered.
    state->ws.set_option(websocket::stream_base::decorator([](websocket::response_type& response) {
      response.set(bhttp::field::sec_websocket_protocol, std::string(kLiveSubprotocol));
    }));
  }
  boost::system::error_code ec;
  co_await state->ws.async_accept(request, net::redirect_error(net::use_awaitable, ec));
  if (ec) co_return;
  auto executor = state->ws.get_executor();
  const size_t limit = shared.options.live_queue_limit;
  // The feed holds the session weakly, and the subscription ends with this coroutine's frame,
  // even when the frame is destroyed unfinished at shutdown: the subscriber then never outlives
  // the io_context whose executor it holds.
  std::weak_ptr<LiveState> weak_state = state;
  const int id =
      shared.feed.Subscribe([weak_state, executor, home, limit](const app::LiveEvent& event) {
        // Only what the subscriber's region contains. The writer holds the tree meanwhile: taking
        // it here again would deadlock.
        if (std::find(event.within.begin(), event.within.end(), home) == event.within.end()) {
          return;
        }
        std::shared_ptr<LiveState> state = weak_state.lock();
        if (!state) return;
        net::post(executor, [state, limit, json = event.json] {
          if (state->queue.size() >= limit) {
            ++state->dropped;
            return;
          }
          state->queue.push_back(json);
          state->signal.cancel();
        });
      });
  struct Subscription {
    app::LiveFeed& feed;
    int id;
    ~Subscription() { feed.Unsubscribe(id); }
  } subscription{shared.feed, id};
  state->queue.push_back(fmt::format(R"({{"type":"subscribed","user":"{}","region":"{}"}})",
                                     principal.user, principal.region));
  net::co_spawn(executor, ReadUntilClosed(state), net::detached);
  net::co_spawn(executor, WatchToken(shared, state, std::move(upgrade)), net::detached);
  while (!state->closed) {
    if (state->queue.empty()) {
      state->signal.expires_at(net::steady_timer::time_point::max());
      co_await state->signal.async_wait(net::redirect_error(net::use_awaitable, ec));
      continue;
    }
    const std::string message = std::move(state->queue.front());
    state->queue.pop_front();
    state->ws.text(true);
    co_await state->ws.async_write(net::buffer(message),
                                   net::redirect_error(net::use_awaitable, ec));
    if (ec) break;
  }
  if (state->dropped > 0) {
    spdlog::warn("live feed: {} event(s) dropped for slow client {}", state->dropped,
                 principal.user);
  }
  if (!state->closed) {
    state->closed = true;
    state->ws.async_close(websocket::close_code::normal, net::detached);
  }
}

// The API's answer; a bug's exception is answered 500 and logged rather than dropping the
// connection with the request unanswered.
HttpResponse Answer(const Api& api, const HttpRequest& request) {
  try {
    return request.path.empty()
               ? ErrorResponse(400, "bad_request", "the request target is malformed")
               : api.Handle(request);
  } catch (const std::exception& error) {
    spdlog::error("{} {} {}: {}", request.remote_address, request.method, request.path,
                  error.what());
    return ErrorResponse(500, "internal", "an internal error occurred; it has been logged");
  }
}

// A slow route (a plan, a replay, a backtest) runs on the worker pool, so that the network threads
// go on answering everything else meanwhile; beyond `slow_queue_limit` waiting or running, 503.
net::awaitable<HttpResponse> AnswerSlow(Shared& shared, const HttpRequest& request) {
  if (shared.slow_in_flight.fetch_add(1) >= shared.options.slow_queue_limit) {
    --shared.slow_in_flight;
    HttpResponse busy = ErrorResponse(
        503, "unavailable",
        fmt::format("{} plans and analyses are running or waiting already; try again shortly",
                    shared.options.slow_queue_limit));
    busy.headers.emplace_back("Retry-After", "5");
    co_return busy;
  }
  HttpResponse answer = co_await net::co_spawn(
      shared.slow_pool,
      [&]() -> net::awaitable<HttpResponse> { co_return Answer(shared.api, request); },
      net::use_awaitable);
  --shared.slow_in_flight;
  co_return answer;
}

// A write (any method but GET and HEAD) runs on the write pool: the network threads never wait for
// a commit, and writes waiting at once can share one.
net::awaitable<HttpResponse> AnswerWrite(Shared& shared, const HttpRequest& request) {
  co_return co_await net::co_spawn(
      shared.write_pool,
      [&]() -> net::awaitable<HttpResponse> { co_return Answer(shared.api, request); },
      net::use_awaitable);
}

bool IsWrite(const HttpRequest& request) {
  return request.method != "GET" && request.method != "HEAD";
}

net::awaitable<void> Session(Shared& shared, tcp::socket socket) {
  const ServerOptions& options = shared.options;
  boost::system::error_code ec;
  const std::string remote = socket.remote_endpoint(ec).address().to_string();
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  bool first = true;
  while (!shared.stopping) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.header_limit_bytes));
    parser.body_limit(options.body_limit_bytes);
    // Waiting for the next request on a kept-alive connection, then reading it whole.
    stream.expires_after(
        std::chrono::seconds(first ? options.read_timeout_seconds : options.keep_alive_seconds));
    co_await bhttp::async_read_header(stream, buffer, parser,
                                      net::redirect_error(net::use_awaitable, ec));
    std::optional<InFlight> in_flight;
    if (!ec) {
      in_flight.emplace(shared.in_flight);
      stream.expires_after(std::chrono::seconds(options.read_timeout_seconds));
      co_await bhttp::async_read(stream, buffer, parser,
                                 net::redirect_error(net::use_awaitable, ec));
    }
    first = false;
    if (ec == bhttp::error::end_of_stream || ec == net::error::eof || ec == beast::error::timeout ||
        ec == net::error::operation_aborted) {
      break;
    }
    if (ec) {
      HttpResponse error =
          ec == bhttp::error::body_limit
              ? ErrorResponse(
                    413, "payload_too_large",
                    fmt::format("the body is larger than {} bytes", options.body_limit_bytes))
          : ec == bhttp::error::header_limit
              ? ErrorResponse(431, "header_too_large", "the request headers are too large")
              : ErrorResponse(400, "bad_request", "the request is not valid HTTP/1.1");
      BeastResponse response = ToBeast(error, 11, false);
      stream.expires_after(std::chrono::seconds(options.write_timeout_seconds));
      co_await bhttp::async_write(stream, response, net::redirect_error(net::use_awaitable, ec));
      spdlog::info("{} - - {} ({})", remote, error.status, ec.message());
      break;
    }
    BeastRequest request = parser.release();
    const auto started = std::chrono::steady_clock::now();
    HttpRequest plain = ToRequest(request, remote);
    if (websocket::is_upgrade(request)) {
      if (plain.path != "/api/v1/live") {
        plain.path = "/not-a-websocket-endpoint";
      } else {
        Result<app::Principal> principal = shared.api.Authenticate(plain);
        Result<RegionIdx> home = principal.ok()
                                     ? shared.api.surveillance().FindRegion(principal->region)
                                     : Result<RegionIdx>(principal.status());
        if (home.ok()) {
          spdlog::info("{} GET /api/v1/live 101 {}", remote, principal->user);
          stream.expires_never();
          in_flight.reset();  // a subscriber may stay for hours; shutdown closes it
          co_await LiveSession(shared, stream.release_socket(), std::move(request),
                               std::move(plain), *principal, *home);
          co_return;
        }
        HttpResponse refused = ErrorResponse(home.status());
        BeastResponse response = ToBeast(refused, request.version(), false);
        co_await bhttp::async_write(stream, response, net::redirect_error(net::use_awaitable, ec));
        break;
      }
    }
    // (Not a conditional expression: GCC 12 miscompiles a co_await inside one.)
    HttpResponse answer;
    if (shared.api.IsSlow(plain)) {
      answer = co_await AnswerSlow(shared, plain);
    } else if (IsWrite(plain)) {
      answer = co_await AnswerWrite(shared, plain);
    } else {
      answer = Answer(shared.api, plain);
    }
    const bool keep_alive = request.keep_alive() && !shared.stopping;
    BeastResponse response = ToBeast(answer, request.version(), keep_alive);
    stream.expires_after(std::chrono::seconds(options.write_timeout_seconds));
    co_await bhttp::async_write(stream, response, net::redirect_error(net::use_awaitable, ec));
    in_flight.reset();
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    spdlog::info("{} {} {} {} {} {:.2f}ms", remote, plain.method, LoggedTarget(request.target()),
                 answer.status, answer.body.size(), ms);
    if (ec || !keep_alive) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

// Accepts connections and hands each to the next worker loop in turn.
net::awaitable<void> Listen(Shared& shared, tcp::acceptor& acceptor,
                            std::vector<std::unique_ptr<net::io_context>>& workers) {
  size_t next = 0;
  while (!shared.stopping) {
    boost::system::error_code ec;
    tcp::socket socket(workers[next++ % workers.size()]->get_executor());
    co_await acceptor.async_accept(socket, net::redirect_error(net::use_awaitable, ec));
    if (ec) {
      if (shared.stopping || ec == net::error::operation_aborted) co_return;
      spdlog::warn("accept: {}", ec.message());
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    auto session_executor = socket.get_executor();
    net::co_spawn(session_executor, Session(shared, std::move(socket)), net::detached);
  }
}

}  // namespace

Status RunServer(const ServerOptions& options, const Api& api, app::LiveFeed& feed,
                 const std::function<void(uint16_t)>& on_listening) {
  // Declared first so that it outlives the sessions the io_context destroys when it goes.
  net::thread_pool slow_pool(static_cast<size_t>(std::max(1, options.slow_threads)));
  net::thread_pool write_pool(static_cast<size_t>(std::max(1, options.write_threads)));
  Shared shared{options, api, feed, slow_pool, write_pool};
  // One event loop per thread, each running its own connections from start to end, so that no
  // two threads ever wake each other for one request (as nginx's workers). The main loop only
  // accepts and watches for signals.
  std::vector<std::unique_ptr<net::io_context>> workers;
  std::vector<net::executor_work_guard<net::io_context::executor_type>> keep_running;
  for (int idx = 0; idx < options.threads; ++idx) {
    workers.push_back(std::make_unique<net::io_context>(1));
    keep_running.push_back(net::make_work_guard(*workers.back()));
  }
  net::io_context ioc(1);
  boost::system::error_code ec;
  const net::ip::address address = net::ip::make_address(options.address, ec);
  if (ec)
    return Status::InvalidArgument(fmt::format("--listen: bad address \"{}\"", options.address));
  tcp::acceptor acceptor(ioc);
  const tcp::endpoint endpoint(address, options.port);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status::Unavailable(
        fmt::format("cannot listen on {}:{}: {}", options.address, options.port, ec.message()));
  }
  on_listening(acceptor.local_endpoint().port());
  net::co_spawn(ioc, Listen(shared, acceptor, workers), net::detached);

  // Graceful shutdown: stop accepting, let in-flight requests finish, then stop.
  net::signal_set signals(ioc, SIGINT, SIGTERM);
  net::steady_timer drain(ioc);
  std::function<void()> wait_for_drain;
  const auto deadline_holder = std::make_shared<std::chrono::steady_clock::time_point>();
  wait_for_drain = [&] {
    if (shared.in_flight == 0 || std::chrono::steady_clock::now() > *deadline_holder) {
      if (shared.in_flight != 0) {
        spdlog::warn("shutdown: {} request(s) still running after the grace period",
                     shared.in_flight.load());
      }
      for (auto& guard : keep_running) guard.reset();
      for (auto& worker : workers) worker->stop();
      ioc.stop();
      return;
    }
    drain.expires_after(std::chrono::milliseconds(20));
    drain.async_wait([&](const boost::system::error_code&) { wait_for_drain(); });
  };
  signals.async_wait([&](const boost::system::error_code& error, int signal_number) {
    if (error) return;
    spdlog::info("signal {}: no new connections; finishing {} request(s) in flight", signal_number,
                 shared.in_flight.load());
    shared.stopping = true;
    acceptor.close();
    *deadline_holder =
        std::chrono::steady_clock::now() + std::chrono::seconds(options.shutdown_grace_seconds);
    wait_for_drain();
  });

  std::vector<std::thread> threads;
  for (auto& worker : workers) {
    threads.emplace_back([&worker] {
      try {
        worker->run();
      } catch (const std::exception& error) {
        spdlog::error("worker loop: {}", error.what());
      }
    });
  }
  ioc.run();
  for (std::thread& thread : threads) thread.join();
  slow_pool.stop();
  slow_pool.join();
  write_pool.stop();
  write_pool.join();
  spdlog::info("server stopped");
  return Status::Ok();
}

}  // namespace outbreak::http

#pragma once
// A small HTTP/1.1 and WebSocket client for the end-to-end tests of the API, on 127.0.0.1. Every
// call has a deadline: a server that stalls fails a test, it never hangs it. Each object is used
// by one thread; separate objects may be used on separate threads at once.

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/value.hpp>

namespace outbreak::testing {

using Headers = std::vector<std::pair<std::string, std::string>>;

constexpr std::chrono::milliseconds kCallTimeout{10'000};

struct HttpReply {
  int status = 0;                              // 0: no answer (refused, reset, closed, timed out)
  std::string error;                           // why there was no answer
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;

  // The header's value, or "" when absent.
  std::string Header(const std::string& lower_case_name) const;
  // The body as JSON; null when it is not JSON.
  boost::json::value Json() const;
};

// One request on a new connection, closed afterwards. A body is sent as application/json unless
// `headers` names another Content-Type.
HttpReply Send(uint16_t port, const std::string& method, const std::string& target,
               const Headers& headers = {}, const std::string& body = "",
               std::chrono::milliseconds timeout = kCallTimeout);

// A TCP connection that sends whatever bytes it is given, for clients that misbehave.
class RawConnection {
 public:
  explicit RawConnection(uint16_t port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const;
  bool Write(std::string_view bytes);
  // Reads until the server closes the connection: what arrived, and whether it closed within
  // `timeout`.
  std::pair<std::string, bool> ReadUntilClosed(std::chrono::milliseconds timeout);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A WebSocket client of ws://127.0.0.1:PORT/TARGET.
// Every reply Send reads passes here: an error body that shows SQL or a driver's message is a
// test failure, whichever suite sent the request.
void ExpectNoStoreInternals(const HttpReply& reply);

class WebSocketClient {
 public:
  // Opens `target`; with a token, offers it as the subprotocol "bearer.TOKEN", as browsers do.
  WebSocketClient(uint16_t port, const std::string& target, const std::string& token = "");
  ~WebSocketClient();
  WebSocketClient(const WebSocketClient&) = delete;
  WebSocketClient& operator=(const WebSocketClient&) = delete;

  // 101 once upgraded; else the status of the server's refusal (0 when there was none).
  int handshake_status() const;
  // The next text message, or nullopt when none came within `timeout` (the connection is then
  // closed).
  std::optional<std::string> Read(std::chrono::milliseconds timeout);
  // Whether the last Read ended because the server closed the feed.
  bool closed_by_server() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace outbreak::testing

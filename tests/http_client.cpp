// The only test translation unit that sees Boost.Beast.

#include "http_client.hpp"

#include <cctype>

#include <gtest/gtest.h>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>

namespace outbreak::testing {

namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

constexpr std::chrono::seconds kConnectTimeout{5};
constexpr uint64_t kReplyBodyLimitBytes = 64 * 1024 * 1024;

// Runs one asynchronous operation to its end; a deadline set on the stream bounds it.
template <typename Start>
boost::system::error_code Await(net::io_context& ioc, Start&& start) {
  boost::system::error_code result;
  start([&result](boost::system::error_code ec, auto&&...) { result = ec; });
  ioc.restart();
  ioc.run();
  return result;
}

tcp::endpoint Local(uint16_t port) { return {net::ip::make_address("127.0.0.1"), port}; }

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

std::string HttpReply::Header(const std::string& lower_case_name) const {
  auto it = headers.find(lower_case_name);
  return it == headers.end() ? std::string() : it->second;
}

boost::json::value HttpReply::Json() const {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(body, ec);
  return ec ? boost::json::value() : value;
}

HttpReply Send(uint16_t port, const std::string& method, const std::string& target,
               const Headers& headers, const std::string& body, std::chrono::milliseconds timeout) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  HttpReply reply;
  stream.expires_after(timeout);
  boost::system::error_code ec =
      Await(ioc, [&](auto handler) { stream.async_connect(Local(port), std::move(handler)); });
  if (ec) {
    reply.error = "connect: " + ec.message();
    return reply;
  }
  bhttp::request<bhttp::string_body> request;
  request.method_string(method);
  request.target(target);
  request.version(11);
  request.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port));
  bool has_content_type = false;
  for (const auto& [name, value] : headers) {
    request.set(name, value);
    has_content_type = has_content_type || Lower(name) == "content-type";
  }
  if (!body.empty() && !has_content_type) {
    request.set(bhttp::field::content_type, "application/json");
  }
  request.keep_alive(false);
  request.body() = body;
  request.prepare_payload();
  ec = Await(ioc, [&](auto handler) { bhttp::async_write(stream, request, std::move(handler)); });
  if (ec) {
    reply.error = "write: " + ec.message();
    return reply;
  }
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(kReplyBodyLimitBytes);
  ec = Await(ioc,
             [&](auto handler) { bhttp::async_read(stream, buffer, parser, std::move(handler)); });
  if (ec) {
    reply.error = "read: " + ec.message();
    return reply;
  }
  const auto& response = parser.get();
  reply.status = static_cast<int>(response.result_int());
  for (const auto& field : response) {
    reply.headers[Lower(std::string(field.name_string()))] = std::string(field.value());
  }
  reply.body = response.body();
  ExpectNoStoreInternals(reply);
  return reply;
}

void ExpectNoStoreInternals(const HttpReply& reply) {
  if (reply.status < 400) return;
  // What a driver's message or a statement would show; no error body of any suite may hold it.
  static const char* const kInternals[] = {"INSERT INTO",   "SELECT ",           "UPDATE ",
                                           "DELETE FROM",   "constraint failed", "violates ",
                                           "duplicate key", "sqlite3_",          "SQLSTATE"};
  for (const char* internal : kInternals) {
    EXPECT_EQ(reply.body.find(internal), std::string::npos)
        << "an error body shows the store's internals (" << internal << "): " << reply.body;
  }
}

struct RawConnection::Impl {
  net::io_context ioc;
  beast::tcp_stream stream{ioc};
  bool connected = false;
};

RawConnection::RawConnection(uint16_t port) : impl_(std::make_unique<Impl>()) {
  impl_->stream.expires_after(kConnectTimeout);
  const boost::system::error_code ec = Await(impl_->ioc, [&](auto handler) {
    impl_->stream.async_connect(Local(port), std::move(handler));
  });
  impl_->connected = !ec;
}

RawConnection::~RawConnection() = default;

bool RawConnection::connected() const { return impl_->connected; }

bool RawConnection::Write(std::string_view bytes) {
  impl_->stream.expires_after(kConnectTimeout);
  const boost::system::error_code ec = Await(impl_->ioc, [&](auto handler) {
    net::async_write(impl_->stream, net::buffer(bytes.data(), bytes.size()), std::move(handler));
  });
  return !ec;
}

std::pair<std::string, bool> RawConnection::ReadUntilClosed(std::chrono::milliseconds timeout) {
  std::string data;
  char chunk[4096];
  impl_->stream.expires_after(timeout);
  while (true) {
    size_t read = 0;
    boost::system::error_code result;
    impl_->stream.async_read_some(net::buffer(chunk),
                                  [&](boost::system::error_code ec, size_t size) {
                                    result = ec;
                                    read = size;
                                  });
    impl_->ioc.restart();
    impl_->ioc.run();
    data.append(chunk, read);
    if (result == beast::error::timeout) return {data, false};
    if (result) return {data, true};  // closed or reset by the server
  }
}

struct WebSocketClient::Impl {
  net::io_context ioc;
  websocket::stream<beast::tcp_stream> ws{ioc};
  beast::flat_buffer buffer;
  int status = 0;
  bool closed_by_server = false;
};

WebSocketClient::WebSocketClient(uint16_t port, const std::string& target, const std::string& token)
    : impl_(std::make_unique<Impl>()) {
  if (!token.empty()) {
    // As a browser does: the token offered as a subprotocol beside the feed's own.
    impl_->ws.set_option(websocket::stream_base::decorator([token](websocket::request_type& req) {
      req.set(bhttp::field::sec_websocket_protocol, "outbreak.v1, bearer." + token);
    }));
  }
  beast::tcp_stream& lowest = beast::get_lowest_layer(impl_->ws);
  lowest.expires_after(kConnectTimeout);
  boost::system::error_code ec = Await(
      impl_->ioc, [&](auto handler) { lowest.async_connect(Local(port), std::move(handler)); });
  if (ec) return;
  websocket::response_type response;
  const std::string host = "127.0.0.1:" + std::to_string(port);
  ec = Await(impl_->ioc, [&](auto handler) {
    impl_->ws.async_handshake(response, host, target, std::move(handler));
  });
  impl_->status = ec ? static_cast<int>(response.result_int()) : 101;
  lowest.expires_never();
}

WebSocketClient::~WebSocketClient() = default;

int WebSocketClient::handshake_status() const { return impl_->status; }

bool WebSocketClient::closed_by_server() const { return impl_->closed_by_server; }

std::optional<std::string> WebSocketClient::Read(std::chrono::milliseconds timeout) {
  if (impl_->status != 101) return std::nullopt;
  bool done = false;
  boost::system::error_code result;
  impl_->ws.async_read(impl_->buffer, [&](boost::system::error_code ec, size_t) {
    done = true;
    result = ec;
  });
  impl_->ioc.restart();
  impl_->ioc.run_for(timeout);
  if (!done) {
    // Give up: closing the socket ends the pending read.
    boost::system::error_code ignored;
    beast::get_lowest_layer(impl_->ws).socket().close(ignored);
    impl_->ioc.restart();
    impl_->ioc.run();
    impl_->status = 0;
    return std::nullopt;
  }
  if (result) {
    impl_->status = 0;
    impl_->closed_by_server = result == websocket::error::closed;
    return std::nullopt;
  }
  std::string message = beast::buffers_to_string(impl_->buffer.data());
  impl_->buffer.consume(impl_->buffer.size());
  return message;
}

}  // namespace outbreak::testing

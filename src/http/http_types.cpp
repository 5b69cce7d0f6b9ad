#include "http/http_types.hpp"

#include <boost/url/parse.hpp>

namespace outbreak::http {

bool ParseTarget(const std::string& target, std::string& path,
                 std::map<std::string, std::string>& query) {
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return false;
  path = parsed->path();
  for (const auto& param : parsed->params()) query[param.key] = param.value;
  return true;
}

}  // namespace outbreak::http

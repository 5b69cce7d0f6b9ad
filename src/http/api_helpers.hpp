#pragma once
// Helpers shared by the handlers of every capability (api_helpers.cpp): the caller's region,
// the JSON of a page (paging and days are read by the router, router.hpp).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "app/auth_service.hpp"
#include "app/surveillance_service.hpp"
#include "core/date.hpp"
#include "core/status.hpp"
#include "http/json_response.hpp"
#include "http/router.hpp"

namespace outbreak::http {

// The region coded `code` when it is the caller's home region or below it: kNotFound for an
// unknown region, kForbidden outside the caller's subtree (or when the caller's home region is no
// longer known).
Result<RegionIdx> RegionInScope(const app::SurveillanceService& surveillance,
                                const app::Principal& principal, const std::string& code);
// Whether the caller's home region is the root of the tree (acts for the whole country).
bool IsNational(const app::SurveillanceService& surveillance, const app::Principal& principal);
// The region a request acts on: the parameter, or the caller's home region when absent.
// kNotFound for an unknown region, kForbidden outside the caller's subtree.
Result<RegionIdx> ScopedRegion(const app::SurveillanceService& surveillance,
                               const RequestContext& context, const std::string& param);
boost::json::object PageJson(boost::json::array items, int64_t total, const Paging& paging);

// The page `paging` of the whole list `all`, each item rendered by `to_json`.
template <typename T, typename ToJson>
boost::json::object PageOf(const std::vector<T>& all, const Paging& paging, ToJson&& to_json) {
  boost::json::array items;
  for (int64_t at = paging.offset;
       at < static_cast<int64_t>(all.size()) && static_cast<int64_t>(items.size()) < paging.limit;
       ++at) {
    items.push_back(to_json(all[static_cast<size_t>(at)]));
  }
  return PageJson(std::move(items), static_cast<int64_t>(all.size()), paging);
}

// 200 with the page of `all` the request's `limit` and `offset` ask for.
template <typename T, typename ToJson>
HttpResponse PageResponse(const RequestContext& context, const std::vector<T>& all,
                          ToJson&& to_json) {
  const Paging& paging = context.paging;
  return JsonResponse(200, PageOf(all, paging, to_json));
}

}  // namespace outbreak::http

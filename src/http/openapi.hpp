#pragma once
// The OpenAPI 3 description of the API, generated from the route table so that every route is
// described and every description has a route.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "http/router.hpp"

namespace outbreak::http {

boost::json::value BuildOpenApi(const Router& router);

// The component schemas of the care resources (openapi_care.cpp).
boost::json::object CareSchemas();
// The component schemas of the guidance resources (openapi_guidance.cpp).
boost::json::object GuidanceSchemas();
// The component schemas of the supply resources (openapi_supply.cpp).
boost::json::object SupplySchemas();
// The component schemas of prevention levels (openapi_response.cpp).
boost::json::object ResponseSchemas();

}  // namespace outbreak::http

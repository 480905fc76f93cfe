// The Boost.Graph type behind AnalyticsView. Include only from graph/*.cpp.
#pragma once

#include <cstdint>
#include <mutex>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "graph/analytics_view.hpp"

namespace powermap::graph::detail {

struct CsrEdge {
    std::uint32_t relation = 0;
};

using BoostCsr =
    boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property, CsrEdge,
                                       boost::no_property, std::uint32_t, std::uint32_t>;

struct CsrGraph {
    /// Built on first use by AnalyticsView::csr(); empty until then.
    BoostCsr boost;
    std::once_flag boost_built;
    /// Flattened steps in CSR order, so hot loops read one contiguous array per entity.
    std::vector<std::uint32_t> out_offsets, in_offsets;
    std::vector<Step> out_steps, in_steps;
};

} // namespace powermap::graph::detail

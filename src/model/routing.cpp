#include "model/routing.hpp"

// Boost.Graph's edge iterators trip GCC's -Wmaybe-uninitialized in optimised
// builds (an optional that is always engaged before use); silenced here only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/property_map/function_property_map.hpp>
#pragma GCC diagnostic pop

namespace shockflow::model {
namespace {

// The supply network: one vertex per node, one edge per link (edge index =
// link index, so parallel links stay distinct).
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                                    boost::property<boost::edge_index_t, std::uint32_t>>;
using Edge = boost::graph_traits<Graph>::edge_descriptor;

// Keeps the links that are open and carry the product, except the one to avoid.
struct OpenFor {
    const CompiledModel* m = nullptr;
    const IndexVec<LinkIndex, double>* factor = nullptr;
    const Graph* g = nullptr;
    ProductIndex product;
    LinkIndex avoid = LinkIndex::none();
    bool operator()(const Edge& e) const {
        const LinkIndex l(boost::get(boost::edge_index, *g, e));
        return (*factor)[l] > 0.0 && l != avoid && m->links[l].carries[product];
    }
};

// Records, for each vertex, the edge of its final (shortest) relaxation.
struct TreeRecorder : boost::default_dijkstra_visitor {
    IndexVec<NodeIndex, LinkIndex>* via = nullptr;
    const Graph* g = nullptr;
    template <class G>
    void edge_relaxed(const Edge& e, const G&) const {
        (*via)[NodeIndex(boost::target(e, *g))] = LinkIndex(boost::get(boost::edge_index, *g, e));
    }
};

}  // namespace

struct Router::Impl {
    Graph graph;
};

Router::Router(const CompiledModel& m) : m_(m), impl_(std::make_unique<Impl>()) {
    impl_->graph = Graph(m.n_nodes);
    for (const LinkIndex l : indices(m.links))
        boost::add_edge(m.links[l].from.value, m.links[l].to.value, l.value, impl_->graph);
}

Router::~Router() = default;

IndexVec<NodeIndex, LinkIndex> Router::fastest_tree(NodeIndex src, ProductIndex product,
                                                    const IndexVec<LinkIndex, double>& link_factor,
                                                    LinkIndex avoid) const {
    const Graph& g = impl_->graph;
    boost::filtered_graph<Graph, OpenFor> open(g, OpenFor{&m_, &link_factor, &g, product, avoid});
    std::vector<double> dist(m_.n_nodes, 0.0);
    IndexVec<NodeIndex, LinkIndex> via(m_.n_nodes, LinkIndex::none());
    auto weight = boost::make_function_property_map<Edge, double>([&](const Edge& e) {
        return static_cast<double>(
            m_.links[LinkIndex(boost::get(boost::edge_index, g, e))].transit.value);
    });
    TreeRecorder rec;
    rec.via = &via;
    rec.g = &g;
    boost::dijkstra_shortest_paths(open, src.value,
                                   boost::weight_map(weight)
                                       .distance_map(boost::make_iterator_property_map(
                                           dist.begin(), boost::get(boost::vertex_index, g)))
                                       .visitor(rec));
    via[src] = LinkIndex::none();
    return via;
}

}  // namespace shockflow::model

// The HTML page of a report: a header of facts, a grid of cards, the chart
// specs as one JSON block and the chart library inlined. Nothing is fetched
// when the file is opened.

#include <fmt/format.h>

#include <cctype>
#include <iterator>

#include "io/number_format.hpp"
#include "io/report_page.hpp"
#include "shockflow/core/version.hpp"

namespace shockflow::io::report {
namespace {

constexpr std::string_view kStyle = R"css(
*{box-sizing:border-box}
body{margin:0;background:#f4f5f7;color:#1c2430;
  font-family:system-ui,-apple-system,"Segoe UI","DejaVu Sans",Arial,sans-serif}
header{background:#1f2d3d;color:#fff;padding:14px 24px}
header h1{margin:0 0 8px;font-size:21px;font-weight:600}
dl.facts{display:flex;flex-wrap:wrap;gap:4px 22px;margin:0;font-size:13px}
dl.facts div{display:flex;gap:6px}
dl.facts dt{opacity:.7}
dl.facts dd{margin:0;font-weight:600}
header p.desc{margin:6px 0 0;font-size:12.5px;opacity:.8;max-width:1100px}
main{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:14px;padding:14px 24px}
.card{background:#fff;border:1px solid #d9dde3;border-radius:6px;padding:10px 14px;
  overflow-x:auto;min-width:0}
.card.wide{grid-column:1/-1}
.card h2{font-size:15px;margin:0 0 3px}
.card p.note{font-size:12px;color:#4b5563;margin:0 0 6px}
table{border-collapse:collapse;font-size:12.5px}
th,td{padding:3px 9px;border-bottom:1px solid #e5e7eb;text-align:right;white-space:nowrap}
th{background:#f3f4f6;font-weight:600}
th:first-child,td:first-child{text-align:left}
td.best{font-weight:700;color:#166534}
td.text{text-align:left;white-space:normal;color:#4b5563;min-width:14em}
footer{font-size:12px;color:#6b7280;padding:0 24px 18px}
)css";

// Embeds every chart; a chart that fails says so in its card and on the
// console. `data-charts-done` on <body> tells a test that all have settled.
constexpr std::string_view kScript = R"js(
(function () {
  'use strict';
  var charts = JSON.parse(document.getElementById('shockflow-charts').textContent);
  // Every spec is Vega-Lite: said outright, as vega-embed guesses a spec
  // without "$schema" to be Vega when its top level is a "concat".
  var options = {mode: 'vega-lite', renderer: 'svg',
                 actions: {export: true, source: false, compiled: false, editor: false}};
  var pending = charts.map(function (chart) {
    var el = document.getElementById('chart-' + chart.id);
    return vegaEmbed(el, chart.spec, options).catch(function (error) {
      el.textContent = 'This chart could not be drawn: ' + error.message;
      console.error('shockflow report: chart ' + chart.id + ': ' + error.message);
    });
  });
  Promise.all(pending).then(function () {
    document.body.setAttribute('data-charts-done', String(charts.length));
  });
})();
)js";

bool ends_script_at(std::string_view js, std::size_t i) {
    constexpr std::string_view kEnd = "</script";
    if (js.size() - i < kEnd.size()) return false;
    for (std::size_t k = 0; k < kEnd.size(); ++k) {
        const auto ch = static_cast<unsigned char>(js[i + k]);
        if (std::tolower(ch) != kEnd[k]) return false;
    }
    return true;
}

// A vendor script made safe to inline: no "</script" can end the element
// early (inside a string or a regular expression "<\/" means the same), and
// no source-map comment makes developer tools fetch anything.
std::string inline_script(std::string_view js) {
    std::string out;
    out.reserve(js.size());
    for (std::size_t i = 0; i < js.size(); ++i) {
        if (js.compare(i, 21, "//# sourceMappingURL=") == 0) {
            const std::size_t eol = js.find('\n', i);
            if (eol == std::string_view::npos) break;
            i = eol;
        }
        if (ends_script_at(js, i)) {
            out += "<\\/";
            ++i;
            continue;
        }
        out += js[i];
    }
    return out;
}

void append_card(std::string& html, const Card& card) {
    fmt::format_to(std::back_inserter(html),
                   "<section class=\"card{}\" id=\"card-{}\">\n<h2>{}</h2>\n",
                   card.wide ? " wide" : "", card.id, escape_html(card.title));
    if (!card.note.empty())
        fmt::format_to(std::back_inserter(html), "<p class=\"note\">{}</p>\n",
                       escape_html(card.note));
    if (card.spec) {
        fmt::format_to(std::back_inserter(html), "<div class=\"chart\" id=\"chart-{}\"></div>\n",
                       card.id);
    } else {
        html += card.html;
    }
    html += "</section>\n";
}

std::string chart_data(const Page& page) {
    Json charts = Json::array();
    for (const Card& card : page.cards) {
        if (card.spec) charts.push_back(Json{{"id", card.id}, {"spec", *card.spec}});
    }
    return script_json(charts);
}

}  // namespace

std::string escape_html(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char ch : text) {
        switch (ch) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += ch;
        }
    }
    return out;
}

std::string script_json(const Json& json) {
    const std::string text = json.dump(-1, ' ', false, Json::error_handler_t::replace);
    std::string out;
    out.reserve(text.size());
    for (char ch : text) {
        if (ch == '<') {
            out += "\\u003c";
        } else {
            out += ch;
        }
    }
    return out;
}

std::string cell_number(double v) { return display_number(v); }

std::string render(const Page& page, const ReportAssets& assets) {
    std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    fmt::format_to(std::back_inserter(html), "<title>{}</title>\n<style>{}</style>\n</head>\n",
                   escape_html(page.title), kStyle);
    fmt::format_to(std::back_inserter(html),
                   "<body>\n<header>\n<h1>{}</h1>\n<dl class=\"facts\">\n",
                   escape_html(page.title));
    for (const auto& [label, value] : page.facts) {
        fmt::format_to(std::back_inserter(html), "<div><dt>{}</dt><dd>{}</dd></div>\n",
                       escape_html(label), escape_html(value));
    }
    html += "</dl>\n";
    if (!page.description.empty())
        fmt::format_to(std::back_inserter(html), "<p class=\"desc\">{}</p>\n",
                       escape_html(page.description));
    html += "</header>\n<main>\n";
    for (const Card& card : page.cards) append_card(html, card);
    fmt::format_to(std::back_inserter(html),
                   "</main>\n<footer>shockflow {} (git {}). Charts drawn with Vega-Lite; the "
                   "data and the chart library are inside this file.</footer>\n",
                   escape_html(version()), escape_html(git_revision()));
    fmt::format_to(std::back_inserter(html),
                   "<script type=\"application/json\" id=\"shockflow-charts\">{}</script>\n",
                   chart_data(page));
    for (const std::string& js : assets.scripts)
        html += "<script>" + inline_script(js) + "</script>\n";
    html += "<script>" + std::string(kScript) + "</script>\n</body>\n</html>\n";
    return html;
}

}  // namespace shockflow::io::report

package dev.parley.cli.demo;

import dev.parley.brand.orders.StoredOrder;
import dev.parley.protocol.money.Money;
import dev.parley.twin.DailyMe;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** The demo's report: one self-contained HTML page (no scripts, no external assets). */
final class DemoReport {

    private DemoReport() {}

    static String html(Demo.Outcome o) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Parley demo report</title>
                <style>
                body{font:15px/1.45 system-ui,sans-serif;margin:0;background:#f6f5f2;color:#1d1d1b}
                header{background:#1d3b34;color:#fff;padding:1.2rem 2rem} header h1{margin:0;font-size:1.5rem}
                main{max-width:1100px;margin:1.2rem auto;padding:0 1.2rem} section{background:#fff;border-radius:10px;padding:1rem 1.3rem;margin-bottom:1.1rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
                h2{font-size:1.15rem;margin:.2rem 0 .6rem} table{border-collapse:collapse;width:100%;font-size:.92rem} th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #eee;vertical-align:top}
                th{color:#555;font-weight:600} td.num{text-align:right;white-space:nowrap} .why{color:#444;font-size:.88rem} .muted{color:#777}
                details{margin:.2rem 0} summary{cursor:pointer;color:#1d3b34} code{font-size:.8rem;word-break:break-all}
                .ordered{color:#2f7d4f;font-weight:600}
                </style></head><body><header><h1>Parley demo report</h1>
                """);
        h.append("<p>Campaignless commerce on real data, played on ").append(o.today().atZone(ZoneOffset.UTC).toLocalDate())
                .append(": no campaign was sent; every offer was made to one twin, for what that twin asked. Run time ")
                .append(o.millis() / 1000.0).append(" s.</p></header><main>");

        h.append("<section><h2>Brands</h2><table><tr><th>brand</th><th class=num>products</th><th class=num>orders</th><th class=num>revenue</th></tr>");
        for (Map.Entry<String, List<StoredOrder>> e : o.ordersByBrand().entrySet()) {
            Money revenue = e.getValue().stream().map(StoredOrder::total).reduce(Money::plus).orElse(null);
            h.append("<tr><td>").append(esc(e.getKey())).append("</td><td class=num>").append(o.catalogSizes().get(e.getKey()))
                    .append("</td><td class=num>").append(e.getValue().size()).append("</td><td class=num>")
                    .append(revenue == null ? "—" : esc(revenue.toString())).append("</td></tr>");
        }
        h.append("</table></section>");

        for (Demo.TwinRun run : o.twins()) {
            DailyMe me = run.dailyMe();
            h.append("<section><h2>").append(esc(run.name())).append("</h2><p class=muted>").append(esc(run.description())).append("</p>");
            if (me.items().isEmpty()) {
                h.append("<p>Nothing on today's list.</p>");
            } else {
                h.append("<table><tr><th>#</th><th>item</th><th>brand</th><th class=num>list</th><th class=num>offered</th><th class=num>price</th>"
                        + "<th class=num>saving</th><th>why</th></tr>");
                int rank = 0;
                for (DailyMe.Item item : me.items()) {
                    h.append("<tr><td>").append(++rank).append("</td><td>").append(esc(item.title()));
                    if (item.quantity() > 1) {
                        h.append(" × ").append(item.quantity());
                    }
                    if (item.status() == DailyMe.Status.ORDERED) {
                        h.append(" <span class=ordered>ordered</span>");
                    }
                    h.append("</td><td>").append(esc(item.brandName())).append("</td><td class=num>").append(esc(item.listPrice().toString()))
                            .append("</td><td class=num>").append(esc(item.offeredPrice().toString())).append("</td><td class=num>")
                            .append(esc(item.price().toString())).append("</td><td class=num>").append(esc(item.saving().toString()))
                            .append("</td><td class=why>").append(esc(item.why()));
                    if (!item.transcript().isEmpty()) {
                        h.append("<details><summary>negotiation</summary><ol>");
                        item.transcript().forEach(line -> h.append("<li>").append(esc(line)).append("</li>"));
                        h.append("</ol></details>");
                    }
                    h.append("</td></tr>");
                }
                h.append("</table>");
            }
            for (DailyMe.Skipped s : me.skipped()) {
                h.append("<p class=muted>Skipped ").append(esc(s.brand())).append(": ").append(esc(s.detail())).append("</p>");
            }
            h.append("</section>");
        }
        if (o.receipt() != null) {
            h.append("<section><h2>The approved order</h2><p>").append(esc(o.approvedItem())).append(": order ")
                    .append(esc(o.receiptBody().orderId())).append(", ").append(esc(o.receiptBody().total().toString())).append(", status ")
                    .append(esc(o.receiptBody().status().wire())).append(". The brand's signed receipt (JWS):</p><p><code>")
                    .append(esc(o.receipt())).append("</code></p></section>");
        }
        h.append("</main></body></html>\n");
        return h.toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

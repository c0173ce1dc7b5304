package dev.parley.twin.eval;

import dev.parley.protocol.message.Sku;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * User-based k-nearest neighbours over time-decayed purchase vectors (as in TIFU-KNN): two
 * customers are similar when they bought the same items recently (cosine of their vectors); an
 * item's neighbour share for a customer is the similarity-weighted share of the k most similar
 * customers who bought it, and its neighbour weight the similarity-weighted mean of their
 * normalized decayed weights of it. Item-to-item co-purchase is the cosine of two items' buyer
 * sets, and a customer's co-purchase score of an item sums it over their own normalized decayed
 * vector. Immutable once built; the queries are thread-safe.
 */
final class UserNeighbours {
    private final int neighbours;
    private final Map<String, Integer> userIndex = new HashMap<>();
    /** Per user: item ids and their normalized weights. */
    private final int[][] userItems;
    private final double[][] userWeights;
    /** Per item: the users who bought it. */
    private final int[][] itemUsers;
    private final List<Sku> items;
    private final Map<Sku, Integer> itemIndex = new HashMap<>();
    /** Item-to-item cosine of buyer sets, row-major, diagonal 0. */
    private final float[] coPurchase;

    /** One customer's view of the crowd: per item, its neighbour share, neighbour weight and co-purchase score. */
    record Signals(Map<Sku, double[]> byItem) {
        static final double[] NONE = {0, 0, 0};

        double[] get(Sku sku) {
            return byItem.getOrDefault(sku, NONE);
        }
    }

    UserNeighbours(Map<String, List<Invoice>> histories, Instant now, double halfLifeDays, int neighbours) {
        this.neighbours = neighbours;
        List<Sku> itemList = new ArrayList<>();
        List<String> users = new ArrayList<>(histories.keySet());
        users.sort(null);
        userItems = new int[users.size()][];
        userWeights = new double[users.size()][];
        List<List<Integer>> buyers = new ArrayList<>();
        for (int u = 0; u < users.size(); u++) {
            userIndex.put(users.get(u), u);
            Map<Integer, Double> vector = new HashMap<>();
            for (Invoice invoice : histories.get(users.get(u))) {
                double days = Math.max(0, (now.toEpochMilli() - invoice.time().toEpochMilli()) / 86_400_000.0);
                double w = Math.pow(0.5, days / halfLifeDays);
                for (Invoice.Line line : invoice.lines()) {
                    Integer id = itemIndex.get(line.sku());
                    if (id == null) {
                        id = itemList.size();
                        itemIndex.put(line.sku(), id);
                        itemList.add(line.sku());
                        buyers.add(new ArrayList<>());
                    }
                    vector.merge(id, w, Double::sum);
                }
            }
            int[] ids = vector.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            double[] ws = new double[ids.length];
            double norm = 0;
            for (int i = 0; i < ids.length; i++) {
                ws[i] = vector.get(ids[i]);
                norm += ws[i] * ws[i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < ids.length; i++) {
                ws[i] /= norm;
                buyers.get(ids[i]).add(u);
            }
            userItems[u] = ids;
            userWeights[u] = ws;
        }
        itemUsers = new int[buyers.size()][];
        for (int i = 0; i < buyers.size(); i++) {
            itemUsers[i] = buyers.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        items = List.copyOf(itemList);
        int n = items.size();
        int[] together = new int[n * n];
        for (int[] bought : userItems) {
            for (int a : bought) {
                int row = a * n;
                for (int b : bought) {
                    together[row + b]++;
                }
            }
        }
        coPurchase = new float[n * n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if (a != b && together[a * n + b] > 0) {
                    coPurchase[a * n + b] = (float) (together[a * n + b] / Math.sqrt((double) itemUsers[a].length * itemUsers[b].length));
                }
            }
        }
    }

    /** For one customer: the crowd signals of every item bought by their neighbours or co-purchased with their own. */
    Signals signals(String customer) {
        Integer u = userIndex.get(customer);
        if (u == null) {
            return new Signals(Map.of());
        }
        double[] sim = new double[userItems.length];
        int[] ids = userItems[u];
        double[] ws = userWeights[u];
        for (int i = 0; i < ids.length; i++) {
            for (int v : itemUsers[ids[i]]) {
                int pos = Arrays.binarySearch(userItems[v], ids[i]);
                sim[v] += ws[i] * userWeights[v][pos];
            }
        }
        sim[u] = 0;
        Integer[] order = new Integer[sim.length];
        for (int v = 0; v < sim.length; v++) {
            order[v] = v;
        }
        Arrays.sort(order, (a, b) -> sim[a] != sim[b] ? Double.compare(sim[b], sim[a]) : Integer.compare(a, b));
        int n = items.size();
        double[] share = new double[n];
        double[] weight = new double[n];
        double total = 0;
        for (int r = 0; r < Math.min(neighbours, order.length); r++) {
            int v = order[r];
            if (sim[v] <= 0) {
                break;
            }
            total += sim[v];
            for (int k = 0; k < userItems[v].length; k++) {
                share[userItems[v][k]] += sim[v];
                weight[userItems[v][k]] += sim[v] * userWeights[v][k];
            }
        }
        double[] co = new double[n];
        for (int i = 0; i < ids.length; i++) {
            int row = ids[i] * n;
            double w = ws[i];
            for (int b = 0; b < n; b++) {
                co[b] += w * coPurchase[row + b];
            }
        }
        Map<Sku, double[]> out = new HashMap<>();
        for (int item = 0; item < n; item++) {
            if (share[item] > 0 || co[item] > 0) {
                out.put(items.get(item), new double[] {total > 0 ? share[item] / total : 0, total > 0 ? weight[item] / total : 0, co[item]});
            }
        }
        return new Signals(out);
    }
}

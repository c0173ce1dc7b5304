package dev.parley.catalog.index;

import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;

/**
 * The documents of one SKU, found without a term per SKU: the point of the SKU's numeric key
 * ({@link ProductDocument#SKU_KEY}) gives the candidates, which SKUs sharing their first ten
 * characters can share, and the SKU's doc values confirm each. It replaces and removes a
 * product's document. A term per SKU would cost every indexed product a unique entry in the
 * terms hash, and every flush the sorting and writing of a million terms: a bulk load of a
 * million products took about a sixth less time without it.
 */
final class SkuQuery extends Query {
    private final String sku;
    private final BytesRef bytes;

    SkuQuery(String sku) {
        this.sku = Objects.requireNonNull(sku, "sku");
        this.bytes = new BytesRef(sku);
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        Query keyQuery = LongPoint.newExactQuery(ProductDocument.SKU_KEY, ProductDocument.skuKey(sku));
        Weight candidates = searcher.createWeight(searcher.rewrite(keyQuery), ScoreMode.COMPLETE_NO_SCORES, 1f);
        return new ConstantScoreWeight(this, boost) {
            @Override
            public Scorer scorer(LeafReaderContext context) throws IOException {
                Scorer withKey = candidates.scorer(context);
                if (withKey == null) {
                    return null;
                }
                BinaryDocValues skus = DocValues.getBinary(context.reader(), ProductDocument.SKU);
                TwoPhaseIterator exact = new TwoPhaseIterator(withKey.iterator()) {
                    @Override
                    public boolean matches() throws IOException {
                        return skus.advanceExact(approximation.docID()) && skus.binaryValue().equals(bytes);
                    }

                    @Override
                    public float matchCost() {
                        return bytes.length;
                    }
                };
                return new ConstantScoreScorer(this, score(), scoreMode, exact);
            }

            @Override
            public boolean isCacheable(LeafReaderContext context) {
                return DocValues.isCacheable(context, ProductDocument.SKU);
            }
        };
    }

    @Override
    public void visit(QueryVisitor visitor) {
        if (visitor.acceptField(ProductDocument.SKU)) {
            visitor.visitLeaf(this);
        }
    }

    @Override
    public String toString(String field) {
        return "sku=" + sku;
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && sku.equals(((SkuQuery) other).sku);
    }

    @Override
    public int hashCode() {
        return 31 * classHash() + sku.hashCode();
    }
}

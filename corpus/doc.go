// Package corpus generates synthetic news articles about governments and
// the agreements they sign, for benchmarks and scale tests of newsgraph.
//
// The seven real articles in seeds/ and the evaluation set are too few to
// measure throughput or memory at scale, and real news cannot be shipped in
// bulk. The generator writes as many articles as a test wants, in the same
// form as the seed article (a "date YYYY-MM-DD headline" line, a Published
// line, paragraphs, a byline), with the things the extractor looks for:
// countries and demonyms, ministries, titled officials, named agreements,
// sectors, summits and venues, dates and quotes, mixed with ordinary prose.
//
// Output is a pure function of the seed and the article number: Article(i)
// is the same bytes on every run and on every machine, whatever else was
// generated before, so a benchmark or a failing scale test can be rerun on
// exactly the same input.
//
// Articles share entities the way a news stream does. Article i belongs to
// story line i%500, whose countries, agreement, event, venue and company
// recur in every article of the story; ministers, leaders and ambassadors
// are drawn once per country, so they recur across stories. A graph built
// from many articles is therefore connected, not a set of islands.
//
// Document(i) is article i's ground truth, built from the same draws
// without the extractor: the text, as the extractor's documents carry it,
// every entity with the byte spans where the text names it and every
// relation the text states, with its sentence as evidence. It lets a scale test load the store without paying for
// extraction, and compare the extractor against a known answer.
//
// What the generator knows (countries, names, ministries, events, name
// parts, sentence templates) lives in the embedded files under data/.
package corpus

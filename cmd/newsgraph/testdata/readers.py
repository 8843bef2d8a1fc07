"""Reads newsgraph's exports with the tools analysts use and reports what
they found, as JSON on standard output, for readers_test.go to hold against
the API's own counts.

    python3 readers.py EXPORT_DIR

EXPORT_DIR holds graph.{graphml,gexf,cyjs,nq,jsonld} and the CSV tables
nodes.csv, edges.csv, evidence.csv (Gephi's headers) and neo4j-nodes.csv,
neo4j-edges.csv (neo4j-admin import's).
"""

import csv
import json
import os
import sys

import networkx as nx
import rdflib
from rdflib.namespace import XSD

d = sys.argv[1]
path = lambda name: os.path.join(d, name)
out = {}


def graph_counts(g):
    return {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "types": sorted({a.get("type", "") for _, a in g.nodes(data=True)}),
        "labels_missing": sum(1 for _, a in g.nodes(data=True) if not a.get("label")),
        "signed_on": sorted(a["signedOn"] for _, a in g.nodes(data=True) if a.get("signedOn")),
        "edge_ids": sorted(a.get("id", k) for _, _, k, a in g.edges(keys=True, data=True)) if g.is_multigraph()
        else sorted(a["id"] for _, _, a in g.edges(data=True)),
        "weights": sorted({round(float(a.get("weight", -1)), 6) for _, _, a in g.edges(data=True)}),
        "evidence_missing": sum(1 for _, _, a in g.edges(data=True) if not a.get("evidence")),
    }


# GraphML and GEXF, as Gephi, yEd and networkx read them
gml = nx.read_graphml(path("graph.graphml"), force_multigraph=True)
out["graphml"] = graph_counts(gml)
gexf = nx.read_gexf(path("graph.gexf"))
out["gexf"] = graph_counts(gexf)

# Cytoscape.js JSON through networkx's reader
with open(path("graph.cyjs")) as f:
    cy = nx.cytoscape_graph(json.load(f))
out["cytoscape"] = {"nodes": cy.number_of_nodes(), "edges": cy.number_of_edges(),
                    "null_lists": sum(1 for _, a in cy.nodes(data=True) for k in ("aliases", "titles") if a.get(k) is None)}

# CSV tables, Gephi's headers, into a networkx graph
with open(path("nodes.csv"), newline="") as f:
    nodes = list(csv.DictReader(f))
with open(path("edges.csv"), newline="") as f:
    edges = list(csv.DictReader(f))
with open(path("evidence.csv"), newline="") as f:
    evidence = list(csv.DictReader(f))
g = nx.MultiDiGraph()
for n in nodes:
    g.add_node(n["Id"], label=n["Label"], type=n["Type"])
for e in edges:
    g.add_edge(e["Source"], e["Target"], key=e["Id"], label=e["Label"], weight=float(e["Weight"]))
out["csv"] = {
    "nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "evidence_rows": len(evidence),
    "node_header": list(nodes[0].keys()) if nodes else [], "edge_header": list(edges[0].keys()) if edges else [],
    "statements": len({r["Statement"] for r in evidence}),
    "date_statements": len({r["Statement"] for r in evidence if r["Predicate"] == "signedOn"}),
    "signed_on": sorted(n["SignedOn"] for n in nodes if n["SignedOn"]),
    "orphans": sum(1 for n in g.nodes if g.degree(n) == 0),
}
with open(path("neo4j-nodes.csv"), newline="") as f:
    rows = list(csv.reader(f))
with open(path("neo4j-edges.csv"), newline="") as f:
    erows = list(csv.reader(f))
out["neo4j"] = {"node_header": rows[0], "edge_header": erows[0], "nodes": len(rows) - 1, "edges": len(erows) - 1}

# N-Quads and JSON-LD with rdflib: the same quads, numbers typed, a numeric
# filter that compares numbers
nq = rdflib.ConjunctiveGraph()
nq.parse(path("graph.nq"), format="nquads")
ld = rdflib.ConjunctiveGraph()
ld.parse(path("graph.jsonld"), format="json-ld")
quads = lambda ds: {(s, p, o, c.identifier) for s, p, o, c in ds.quads()}
NV = "https://newsgraph.dev/vocab#"
typed = {}
for s, p, o in nq.triples((None, rdflib.URIRef(NV + "confidence"), None)):
    typed[str(o.datatype)] = typed.get(str(o.datatype), 0) + 1
for s, p, o in nq.triples((None, rdflib.URIRef(NV + "start"), None)):
    typed[str(o.datatype)] = typed.get(str(o.datatype), 0) + 1
threshold = float(os.environ.get("MIN_CONFIDENCE", "0.7"))
query = """
PREFIX nv: <https://newsgraph.dev/vocab#>
SELECT DISTINCT ?st WHERE { ?ev nv:supports ?st ; nv:confidence ?c . FILTER(?c >= %s) }
""" % threshold
st_base = "https://newsgraph.dev/statement/"
ids = lambda ds: sorted(str(r.st)[len(st_base):] for r in ds.query(query))
all_statements = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT DISTINCT ?st WHERE { ?st a rdf:Statement }
"""
entities = """
PREFIX nv: <https://newsgraph.dev/vocab#>
SELECT DISTINCT ?e WHERE { ?a nv:mentions ?e }
"""
out["rdf"] = {
    "nquads": len(list(nq.quads())), "jsonld": len(list(ld.quads())), "same": quads(nq) == quads(ld),
    "datatypes": typed,
    "filtered_nquads": ids(nq), "filtered_jsonld": ids(ld),
    "statements": len(list(nq.query(all_statements))),
    "entities": len(list(nq.query(entities))),
    "articles": len(set(nq.subjects(rdflib.RDF.type, rdflib.URIRef("https://newsgraph.dev/type/Article")))),
    "dates_typed": all(o.datatype == XSD.date for o in nq.objects(None, rdflib.URIRef("https://newsgraph.dev/rel/signedOn"))),
}
json.dump(out, sys.stdout, indent=1, sort_keys=True)

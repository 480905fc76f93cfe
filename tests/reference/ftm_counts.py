#!/usr/bin/python3
"""Independent count of an FtM stream (Python's json, no powermap code): node entities,
edge entities whose two ends are defined, resolved and dangling entity references. Uses
the same lists of edge schemata and reference properties powermap documents."""
import json, sys

EDGES = {"Ownership": ("owner", "asset"), "Directorship": ("director", "organization"),
         "Employment": ("employee", "employer"), "Membership": ("member", "organization"),
         "Payment": ("payer", "beneficiary"), "ContractAward": ("supplier", "contract"),
         "Family": ("person", "relative"), "Associate": ("person", "associate"),
         "UnknownLink": ("subject", "object"), "Representation": ("agent", "client"),
         "Succession": ("predecessor", "successor"), "Debt": ("debtor", "creditor"),
         "Occupancy": ("holder", "post"), "ProjectParticipant": ("participant", "project")}
REFS = {"addressEntity", "parent", "holder", "entity", "proof"}

items = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
nodes = {i["id"] for i in items if i["schema"] not in EDGES}
edges = dangling = refs = 0
for item in items:
    props = item.get("properties", {})
    if item["schema"] in EDGES:
        src, dst = EDGES[item["schema"]]
        ends = [props.get(src, [None])[0], props.get(dst, [None])[0]]
        missing = sum(1 for end in ends if end not in nodes)
        dangling += missing
        edges += missing == 0
        continue
    for name, values in props.items():
        if name in REFS or (item["schema"] == "Contract" and name in ("authority", "project")):
            for value in values:
                if value in nodes:
                    refs += 1
                else:
                    dangling += 1
print(json.dumps({"entities": len(nodes), "relations": edges + refs, "dangling": dangling}))

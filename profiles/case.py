"""Export a framework version as 1EdTech CASE 1.1 JSON (a CFPackage).

Framework = CFDocument; areas and competencies = CFItems linked by "isChildOf" CFAssociations
(numbered among their siblings) and typed by the CFItemTypes "Area" and "Competency" of
CFDefinitions; the level anchors of each competency = a CFRubric with one criterion and four
levels. Texts are in the document's language (French, the format's required language).
"""

import uuid

from profiles.fields import FALLBACK

NAMESPACE = uuid.UUID("6f1d6c2e-8f0b-4c8e-9a57-0c6a2f1d4b11")  # Kafaa's namespace for stable identifiers
STATUS = {"draft": "Draft", "published": "Adopted", "archived": "Deprecated"}


def case_package(data: dict, *, status: str, changed_at: str, base_uri: str) -> dict:
    """`data` is the version's interchange file; identifiers are stable across exports."""
    slug, number = data["slug"], data["version"]
    base_uri = base_uri.rstrip("/")

    def node(*parts) -> dict:
        key = "/".join([slug, f"v{number}", *parts])
        identifier = str(uuid.uuid5(NAMESPACE, key))
        return {"identifier": identifier, "uri": f"{base_uri}/{identifier}"}

    def link(item: dict, title: str) -> dict:
        return {"title": title, "identifier": item["identifier"], "uri": item["uri"]}

    document = {
        **node(),
        "creator": "Kafaa",
        "title": data["title"][FALLBACK],
        "description": (data.get("description") or {}).get(FALLBACK, ""),
        "language": FALLBACK,
        "version": str(number),
        "adoptionStatus": STATUS[status],
        "lastChangeDateTime": changed_at,
    }
    document_link = link(document, document["title"])
    types = {  # descriptions in the document's language, French
        kind: {**node("type", kind), "title": kind, "description": description, "hierarchyCode": code,
               "lastChangeDateTime": changed_at}
        for kind, description, code in (
            ("Area", "Un domaine : un groupe de compétences liées", "1"),
            ("Competency", "Une compétence, évaluée sur les niveaux 0 à 4", "2"),
        )
    }  # fmt: skip
    type_links = {kind: link(item_type, kind) for kind, item_type in types.items()}
    items, associations, rubrics = [], [], []
    for a, area in enumerate(data["areas"], start=1):
        area_item = _item(node("area", area["code"]), area, type_links["Area"], document_link, changed_at)
        items.append(area_item)
        associations.append(_child(node("assoc", area["code"]), area_item, document_link, document_link, a, changed_at))
        for c, competency in enumerate(area["competencies"], start=1):
            code = competency["code"]
            item = _item(node("competency", code), competency, type_links["Competency"], document_link, changed_at)
            if competency.get("description"):
                item["notes"] = competency["description"][FALLBACK]
            items.append(item)
            parent = link(area_item, area_item["fullStatement"])
            associations.append(_child(node("assoc", code), item, parent, document_link, c, changed_at))
            rubrics.append(_rubric(node, competency, item, data["levels"], changed_at))
    return {
        "CFDocument": document,
        "CFItems": items,
        "CFAssociations": associations,
        "CFDefinitions": {"CFItemTypes": list(types.values())},
        "CFRubrics": rubrics,
    }


def _item(ids, entry, item_type, document_link, changed_at) -> dict:
    statement = entry["name"][FALLBACK]  # the document's language
    return {
        **ids,
        "fullStatement": statement,
        "abbreviatedStatement": statement[:60],  # CASE caps it at 60 characters
        "humanCodingScheme": entry["code"],
        "CFItemType": item_type["title"],
        "CFItemTypeURI": item_type,
        "language": FALLBACK,
        "CFDocumentURI": document_link,
        "lastChangeDateTime": changed_at,
    }


def _child(ids, item, parent, document_link, sequence, changed_at) -> dict:
    return {
        **ids,
        "associationType": "isChildOf",
        "sequenceNumber": sequence,
        "originNodeURI": {"title": item["fullStatement"], "identifier": item["identifier"], "uri": item["uri"]},
        "destinationNodeURI": parent,
        "CFDocumentURI": document_link,
        "lastChangeDateTime": changed_at,
    }


def _rubric(node, competency, item, levels, changed_at) -> dict:
    code = competency["code"]
    names = {level["value"]: level["name"][FALLBACK] for level in levels}
    return {
        **node("rubric", code),
        "title": competency["name"][FALLBACK],
        "description": (competency.get("description") or {}).get(FALLBACK, ""),
        "lastChangeDateTime": changed_at,
        "CFRubricCriteria": [
            {
                **node("criterion", code),
                "category": "level",
                "description": competency["name"][FALLBACK],
                "CFItemURI": {"title": item["fullStatement"], "identifier": item["identifier"], "uri": item["uri"]},
                "position": 1,
                "lastChangeDateTime": changed_at,
                "CFRubricCriterionLevels": [
                    {
                        **node("level", code, level),
                        "description": text[FALLBACK],
                        "quality": names.get(int(level), level),
                        "score": int(level),
                        "position": int(level),
                        "lastChangeDateTime": changed_at,
                    }
                    for level, text in sorted(competency["anchors"].items())
                ],
            }
        ],
    }

#!/usr/bin/env python3
"""Scores a spaCy pipeline on an IOB2 file exactly as `relgraph eval --iob2` scores relgraph.

Span-level exact match (both boundaries and type) over the gold tokens: the pipeline runs on
each sentence's `# text` line, entity character offsets are mapped back to the gold tokens
found left to right in that text. PERSON -> PER, ORG -> ORG, GPE/LOC -> LOC.

Usage: python3 spacy_iob2.py FILE [MODEL]   (MODEL defaults to en_core_web_sm)
"""
import sys

import spacy

LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}


def sentences(path):
    current = {"id": "", "text": "", "tokens": [], "tags": []}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line.strip():
                if current["tokens"]:
                    yield current
                current = {"id": "", "text": "", "tokens": [], "tags": []}
            elif line.startswith("# sent_id = "):
                current["id"] = line[12:]
            elif line.startswith("# text = "):
                current["text"] = line[9:]
            elif not line.startswith("#"):
                fields = line.split("\t")
                current["tokens"].append(fields[1])
                current["tags"].append(fields[2])
    if current["tokens"]:
        yield current


def offsets(sentence):
    cursor, result = 0, []
    for token in sentence["tokens"]:
        start = sentence["text"].find(token, cursor)
        if start < 0:
            result.append(None)
        else:
            cursor = start + len(token)
            result.append((start, cursor))
    return result


def gold_spans(sentence, index):
    spans = []
    for position, tag in enumerate(sentence["tags"]):
        if tag.startswith("B-"):
            spans.append([index, tag[2:], position, position])
        elif tag.startswith("I-") and spans and spans[-1][3] == position - 1:
            spans[-1][3] = position
    return {tuple(span) for span in spans}


def score(predicted, gold, labels):
    p = {s for s in predicted if s[1] in labels}
    g = {s for s in gold if s[1] in labels}
    tp = len(p & g)
    precision = tp / len(p) if p else 1.0
    recall = tp / len(g) if g else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, tp, len(p) - tp, len(g) - tp


def main():
    path = sys.argv[1]
    nlp = spacy.load(sys.argv[2] if len(sys.argv) > 2 else "en_core_web_sm")
    data = list(sentences(path))
    for title, prefix in (("news", "n"), ("all", "")):
        gold, predicted = set(), set()
        for index, sentence in enumerate(data):
            if not sentence["id"].startswith(prefix):
                continue
            gold |= gold_spans(sentence, index)
            spans = offsets(sentence)
            for entity in nlp(sentence["text"]).ents:
                label = LABELS.get(entity.label_)
                if label is None:
                    continue
                covered = [i for i, s in enumerate(spans) if s and s[1] > entity.start_char and s[0] < entity.end_char]
                if covered:
                    predicted.add((index, label, covered[0], covered[-1]))
        print(f"{title}: {spacy.__version__} {nlp.meta['name']} {nlp.meta['version']}")
        for name, labels in (("PER", {"PER"}), ("ORG", {"ORG"}), ("LOC", {"LOC"}), ("PER+ORG", {"PER", "ORG"})):
            p, r, f, tp, fp, fn = score(predicted, gold, labels)
            print(f"  {name:8} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  ({tp} TP, {fp} FP, {fn} FN)")


if __name__ == "__main__":
    main()

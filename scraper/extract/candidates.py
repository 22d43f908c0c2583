"""Which part of the page is the article: the container to read, and its continuing siblings.

Mozilla Readability's scoring, over the numbers `blocks.measure_blocks` gathered:
1. every block that reads as a paragraph gives points (1, a point per comma, a point per 100
   characters up to 3) to its container and, in shrinking shares, to the container's ancestors;
   class words and tags add or take a little; link-dense candidates lose in proportion;
2. when several candidates score close to the best, their common ancestor holds the article;
3. a parent that scores more than the best is the better container;
4. climb further while what the parent adds is mostly prose (an article split into boxes: a lead
   box, text boxes between the pictures);
5. siblings that score well, or are plain prose paragraphs or boxes of them, continue the article.
"""
from __future__ import annotations

import lxml.html

from .blocks import MAX_ANCESTOR_WALK, MIN_PROSE_LENGTH, Measure
from .chrome import is_chrome, words_of

# Blocks that are paragraphs themselves: their points go to their container, not to them.
PARAGRAPH_TAGS = frozenset("p pre li dd dt h1 h2 h3 h4 h5 h6 blockquote td th".split())
CHARS_PER_POINT = 100           # a point per 100 characters ...
MAX_LENGTH_POINTS = 3           # ... up to 3
SCORE_DIVIDERS = (1, 2, 6, 9, 12)  # the container gets all the points, its n-th ancestor 1/divider
CLASS_WEIGHT = 25
CONTENT_WORDS = frozenset(
    "article articlebody body content entry hentry main page post text blog story storybody "
    "artikel inhalt".split()
)
TAG_WEIGHT = {"div": 5, "article": 10, "main": 5, "pre": 3, "td": 3, "blockquote": 3,
              "ol": -3, "ul": -3, "dl": -3, "li": -3, "form": -3, "h1": -5, "h2": -5, "h3": -5,
              "th": -5}
ALTERNATIVE_SHARE = 0.75        # candidates this close to the best are parts of one article ...
MIN_ALTERNATIVES = 3            # ... when there are this many
RUNNERS_UP = 4
CLIMB_PROSE_SHARE = 0.85        # the parent is the article when this share of what it adds is prose
CLIMB_MIN_GAIN = 0.05           # ... and that prose is this share of what the child holds
SIBLING_SHARE = 0.2             # a sibling scoring this share of the best continues the article
MIN_SIBLING_SCORE = 10
PROSE_SIBLING_LENGTH = 80       # a sibling <p> this long with few links is prose ...
PROSE_SIBLING_LINK_DENSITY = 0.25
MIN_PROSE_SIBLING = 150         # a sibling box with this much prose, ...
PROSE_SIBLING_SHARE = 0.8       # ... making up this share of its text, continues the article


def pick_containers(body: lxml.html.HtmlElement, measure: Measure) -> list:
    """The article's container and the siblings that continue it, in page order."""
    scores = score_candidates(measure)
    if not scores:
        return [body]
    ranked = sorted(scores, key=scores.get, reverse=True)
    top = ranked[0]
    top = widen_to_common_ancestor(top, ranked[1:1 + RUNNERS_UP], scores, body)
    top = climb_while_score_grows(top, scores, body)
    top = extend_over_prose(top, measure, body)
    if top is body:
        return [body]
    return continuing_siblings(top, scores, measure)


def score_candidates(measure: Measure) -> dict:
    """Each paragraph-like block gives its container and the container's ancestors a share."""
    scores: dict = {}
    for block, length in measure.own_text.items():
        if length < MIN_PROSE_LENGTH:
            continue
        points = 1 + measure.own_commas.get(block, 0) + min(length / CHARS_PER_POINT, MAX_LENGTH_POINTS)
        ancestor = block.getparent() if block.tag in PARAGRAPH_TAGS else block
        for divider in SCORE_DIVIDERS:
            if ancestor is None or ancestor.tag == "html":
                break
            if ancestor not in scores:
                scores[ancestor] = TAG_WEIGHT.get(ancestor.tag, 0) + class_weight(ancestor)
            scores[ancestor] += points / divider
            ancestor = ancestor.getparent()
    return {element: score * (1 - measure.link_density(element)) for element, score in scores.items()}


def class_weight(element: lxml.html.HtmlElement) -> int:
    """Content words in the class or id +25, chrome -25."""
    weight = 0
    if not CONTENT_WORDS.isdisjoint(words_of(element)) or element.get("itemprop") == "articleBody":
        weight += CLASS_WEIGHT
    if is_chrome(element):
        weight -= CLASS_WEIGHT
    return weight


def widen_to_common_ancestor(top, runners_up, scores, body):
    """Several candidates scoring close to the best split one article: take the nearest ancestor
    of the best that holds at least three of them."""
    alternatives = [c for c in runners_up if scores[c] >= ALTERNATIVE_SHARE * scores[top]]
    if len(alternatives) < MIN_ALTERNATIVES:
        return top
    ancestor = top.getparent()
    for _ in range(MAX_ANCESTOR_WALK):
        if ancestor is None or ancestor is body:
            break
        if sum(is_ancestor(ancestor, c) for c in alternatives) >= MIN_ALTERNATIVES:
            return ancestor
        ancestor = ancestor.getparent()
    return top


def climb_while_score_grows(top, scores, body):
    """A parent scoring more than its child is the better container (it holds more of the text);
    one scoring under a third of the best holds none of it."""
    last = scores.get(top, 0)
    floor = last / 3
    ancestor = top.getparent()
    for _ in range(MAX_ANCESTOR_WALK):
        if ancestor is None or ancestor is body:
            break
        if ancestor in scores:
            if scores[ancestor] < floor:
                break
            if scores[ancestor] > last:
                return ancestor
            last = scores[ancestor]
        ancestor = ancestor.getparent()
    return top


def extend_over_prose(top, measure: Measure, body):
    """Climb while what the parent adds to the container is mostly prose, and enough of it to
    matter: the rest of an article split into boxes, not a sidebar or a "key points" list."""
    while top is not body:
        parent = top.getparent()
        if parent is None:
            break
        added_text = measure.text.get(parent, 0) - measure.text.get(top, 0)
        added_prose = measure.prose.get(parent, 0) - measure.prose.get(top, 0)
        if added_text > 0 and (added_prose < CLIMB_PROSE_SHARE * added_text
                               or added_prose < CLIMB_MIN_GAIN * measure.prose.get(top, 0)):
            break
        top = parent
    return top


def continuing_siblings(top, scores, measure: Measure) -> list:
    """The best container with its siblings that score well (more so when they share its class),
    are plain prose paragraphs or boxes of them, in page order."""
    top_score = scores.get(top, 0)
    threshold = max(MIN_SIBLING_SCORE, SIBLING_SHARE * top_score)
    top_class = top.get("class")
    chosen = []
    for sibling in top.getparent():
        if sibling is top:
            chosen.append(sibling)
            continue
        if not isinstance(sibling.tag, str):
            continue
        bonus = top_score * SIBLING_SHARE if top_class and sibling.get("class") == top_class else 0
        if sibling in scores and scores[sibling] + bonus >= threshold:
            chosen.append(sibling)
        elif sibling.tag == "p" and reads_as_prose(sibling, measure):
            chosen.append(sibling)
        elif is_mostly_prose(sibling, measure):
            chosen.append(sibling)
    return chosen


def is_mostly_prose(box, measure: Measure) -> bool:
    """A box of paragraphs with few links: the next part of an article split between boxes."""
    prose = measure.prose.get(box, 0)
    return prose >= MIN_PROSE_SIBLING and prose >= PROSE_SIBLING_SHARE * measure.text.get(box, 0)


def reads_as_prose(paragraph, measure: Measure) -> bool:
    length = measure.text.get(paragraph, 0)
    density = measure.link_density(paragraph)
    if length > PROSE_SIBLING_LENGTH:
        return density < PROSE_SIBLING_LINK_DENSITY
    return length > 0 and density == 0 and paragraph.text_content().rstrip().endswith(".")


def is_ancestor(ancestor, element) -> bool:
    parent = element.getparent()
    for _ in range(MAX_ANCESTOR_WALK):
        if parent is None:
            return False
        if parent is ancestor:
            return True
        parent = parent.getparent()
    return False

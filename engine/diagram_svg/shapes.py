"""One function per kind of BPMNShape: pools and lanes, activities, events, gateways, data,
annotations and groups, each at its DI bounds. Each returns the boxes its labels cover, so the
viewBox can include text that hangs outside the shape."""
from __future__ import annotations

from dataclasses import dataclass

from ..diagram_check import local
from . import labels, markers
from .geometry import Box, d
from .model import Diagram, Item, clean_text
from .style import Palette
from .svg import el

TASKS = {"task", "userTask", "serviceTask", "scriptTask", "sendTask", "receiveTask", "manualTask",
         "businessRuleTask"}
SUB_PROCESSES = {"subProcess", "transaction", "adHocSubProcess"}
ACTIVITIES = TASKS | SUB_PROCESSES | {"callActivity"}
EVENTS = {"startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent",
          "implicitThrowEvent"}
THROWING = {"endEvent", "intermediateThrowEvent", "implicitThrowEvent"}
GATEWAYS = {"exclusiveGateway", "parallelGateway", "inclusiveGateway", "complexGateway", "eventBasedGateway"}
DATA_OBJECTS = {"dataObject", "dataObjectReference", "dataInput", "dataOutput"}
DATA_STORES = {"dataStore", "dataStoreReference"}
BAND = 30.0  # the strip of a pool or lane that holds its name


@dataclass
class Context:
    diagram: Diagram
    drawn: set[str]  # ids of every element that has a shape in this diagram

    def element(self, ref: str | None):
        return self.diagram.ids.get(ref or "")


def draw(g, item: Item, pal: Palette, ctx: Context) -> list[Box]:
    kind = item.kind
    if kind == "participant":
        return pool(g, item, pal)
    if kind == "lane":
        return lane(g, item, pal)
    if kind in ACTIVITIES:
        return activity(g, item, pal, ctx)
    if kind in EVENTS:
        return event(g, item, pal, ctx)
    if kind in GATEWAYS:
        return gateway(g, item, pal)
    if kind in DATA_OBJECTS:
        return data_object(g, item, pal, ctx)
    if kind in DATA_STORES:
        return data_store(g, item, pal)
    if kind == "textAnnotation":
        return annotation(g, item, pal)
    if kind == "group":
        return group(g, item, pal, ctx)
    return generic(g, item, pal)


def horizontal(item: Item) -> bool:
    flag = item.flag("isHorizontal")
    return item.bounds.w >= item.bounds.h if flag is None else flag


def rect(g, box: Box, pal: Palette, width: float = 1.5, rx: float = 0, fill: str | None = None, **extra):
    return el(g, "rect", x=box.x, y=box.y, width=box.w, height=box.h, rx=rx or None,
              fill=fill or pal.fill, stroke=pal.stroke, stroke_width=pal.width(width), **extra)


def pool(g, item: Item, pal: Palette) -> list[Box]:
    box = item.bounds
    rect(g, box, pal)
    if not item.element.get("processRef"):  # a black-box pool: the name in the middle
        labels.inside(g, item.name, box, pal)
        return []
    band_and_name(g, item, box, pal)
    return []


def lane(g, item: Item, pal: Palette) -> list[Box]:
    rect(g, item.bounds, pal, width=1, fill=item.fill or "none")
    band_and_name(g, item, item.bounds, pal)
    return []


def band_and_name(g, item: Item, box: Box, pal: Palette) -> None:
    if item.kind == "lane" and not item.name:  # an unnamed lane needs no strip for its name
        return
    if horizontal(item):
        band = Box(box.x, box.y, min(BAND, box.w), box.h)
        el(g, "path", d=d("M", band.right, box.y, "V", box.bottom), stroke=pal.stroke,
           stroke_width=pal.width(1), fill="none")
    else:
        band = Box(box.x, box.y, box.w, min(BAND, box.h))
        el(g, "path", d=d("M", box.x, band.bottom, "H", box.right), stroke=pal.stroke,
           stroke_width=pal.width(1), fill="none")
    labels.along_band(g, item.name, band, horizontal(item), pal, item.text_size)


def expanded(item: Item, ctx: Context) -> bool:
    """The modeler's isExpanded; when it wrote none, a sub-process is open if its content is drawn."""
    flag = item.flag("isExpanded")
    if flag is not None:
        return flag
    if item.kind not in SUB_PROCESSES:
        return False
    return any(child.get("id") in ctx.drawn for child in item.element)


def activity(g, item: Item, pal: Palette, ctx: Context) -> list[Box]:
    box, kind, element = item.bounds, item.kind, item.element
    is_open = expanded(item, ctx)
    extra = {"stroke_dasharray": "2,3"} if element.get("triggeredByEvent") == "true" else {}
    rect(g, box, pal, width=4 if kind == "callActivity" else 1.5, rx=10, **extra)
    if kind == "transaction":
        rect(g, Box(box.x + 3, box.y + 3, box.w - 6, box.h - 6), pal, width=1, rx=7, fill="none")
    icon, opens = kind, kind in SUB_PROCESSES or kind == "callActivity"
    if kind == "callActivity":  # a call to a global task shows that task's symbol and nothing to open
        called = ctx.element(element.get("calledElement"))
        if called is not None and local(called.tag).startswith("global"):
            icon, opens = local(called.tag)[len("global"):], False
            icon = icon[:1].lower() + icon[1:]
    # A call activity's thick border would cover the corner symbol: move it in.
    markers.task_icon(g, icon, Box(box.x + 2, box.y + 2, box.w, box.h) if kind == "callActivity" else box, pal)
    names = bottom_markers(item, collapsed=opens and not is_open)
    markers.activity_markers(g, box, pal, names)
    size = item.text_size
    if is_open:
        return [labels.inside(g, item.name, Box(box.x + 4, box.y + 2, box.w - 8, box.h), pal, size,
                              align="left", valign="top")]
    room = Box(box.x, box.y, box.w, box.h - 12) if names else box  # keep the text off the markers
    return [labels.inside(g, item.name, room, pal, size, clear_top=22 if icon in markers.TASK_ICONS else 0)]


def bottom_markers(item: Item, collapsed: bool) -> list[str]:
    names = []
    for child in item.element:
        kind = local(child.tag)
        if kind == "standardLoopCharacteristics":
            names.append("loop")
        elif kind == "multiInstanceLoopCharacteristics":
            names.append("sequential" if child.get("isSequential") == "true" else "parallel")
    if item.element.get("isForCompensation") == "true":
        names.append("compensation")
    if collapsed:
        names.append("collapsed")
    if item.kind == "adHocSubProcess":
        names.append("adhoc")
    return names


def event_definitions(element, ctx: Context) -> list[str]:
    found = []
    for child in element:
        kind = local(child.tag)
        if kind == "eventDefinitionRef":
            target = ctx.element((child.text or "").strip())
            kind = local(target.tag) if target is not None else ""
        if kind.endswith("EventDefinition"):
            found.append(kind[: -len("EventDefinition")])
    return found


def event(g, item: Item, pal: Palette, ctx: Context) -> list[Box]:
    box, kind, element = item.bounds, item.kind, item.element
    cx, cy, r = box.cx, box.cy, min(box.w, box.h) / 2
    dashed = "5,3" if (element.get("isInterrupting") == "false" or element.get("cancelActivity") == "false") \
        else None
    if kind == "startEvent":
        el(g, "circle", cx=cx, cy=cy, r=r, fill=pal.fill, stroke=pal.stroke, stroke_width=pal.width(1.5),
           stroke_dasharray=dashed)
    elif kind == "endEvent":
        thick = max(1.5, 3.5 * min(r / 18, 1))  # a small end event stays a ring, not a dot
        el(g, "circle", cx=cx, cy=cy, r=r - thick / 2 + 0.25, fill=pal.fill, stroke=pal.stroke,
           stroke_width=pal.width(thick))
    else:
        el(g, "circle", cx=cx, cy=cy, r=r, fill=pal.fill, stroke=pal.stroke, stroke_width=pal.width(1.2),
           stroke_dasharray=dashed)
        el(g, "circle", cx=cx, cy=cy, r=max(r - 3, 1), fill="none", stroke=pal.stroke,
           stroke_width=pal.width(1.2), stroke_dasharray=dashed)
    markers.event_icon(g, event_definitions(element, ctx), cx, cy, r, pal, filled=kind in THROWING,
                       parallel=element.get("parallelMultiple") == "true")
    return [labels.external(g, item.name, box, item.label, pal, item.text_size)]


def gateway(g, item: Item, pal: Palette) -> list[Box]:
    box = item.bounds
    diamond = d("M", box.cx, box.y, "L", box.right, box.cy, "L", box.cx, box.bottom, "L", box.x, box.cy, "Z")
    el(g, "path", d=diamond, fill=pal.fill, stroke=pal.stroke, stroke_width=pal.width(1.5), stroke_linejoin="round")
    element = item.element
    markers.gateway_icon(g, item.kind, box, pal, marker_visible=item.flag("isMarkerVisible") is True,
                         instantiate=element.get("instantiate") == "true",
                         parallel_events=element.get("eventGatewayType") == "Parallel")
    return [labels.external(g, item.name, box, item.label, pal, item.text_size)]


def data_object(g, item: Item, pal: Palette, ctx: Context) -> list[Box]:
    box = item.bounds
    fold = min(box.w, box.h) * 0.3
    el(g, "path", d=d("M", box.x, box.y, "H", box.right - fold, "L", box.right, box.y + fold, "V", box.bottom,
                      "H", box.x, "Z"), fill=pal.fill, stroke=pal.stroke, stroke_width=pal.width(1.2))
    el(g, "path", d=d("M", box.right - fold, box.y, "V", box.y + fold, "H", box.right), fill="none",
       stroke=pal.stroke, stroke_width=pal.width(1.2))
    if item.kind in ("dataInput", "dataOutput"):
        markers.data_arrow(g, box, pal, filled=item.kind == "dataOutput")
    target = ctx.element(item.element.get("dataObjectRef")) if item.kind == "dataObjectReference" else item.element
    if target is not None and target.get("isCollection") == "true":
        markers.collection(g, box, pal)
    name = "\n".join(part for part in (item.name, data_state_name(item)) if part)
    return [labels.external(g, name, box, item.label, pal, item.text_size)]


def data_state_name(item: Item) -> str:
    state = next((c for c in item.element if local(c.tag) == "dataState"), None)
    return f"[{clean_text(state.get('name'))}]" if state is not None and state.get("name") else ""


def data_store(g, item: Item, pal: Palette) -> list[Box]:
    box = item.bounds
    rx, ry = box.w / 2, min(box.h * 0.15, 10)
    top, bottom = box.y + ry, box.bottom - ry
    el(g, "path", d=d("M", box.x, top, "V", bottom, "A", rx, ry, 0, 0, 0, box.right, bottom, "V", top),
       fill=pal.fill, stroke=pal.stroke, stroke_width=pal.width(1.2))
    el(g, "ellipse", cx=box.cx, cy=top, rx=rx, ry=ry, fill=pal.fill, stroke=pal.stroke,
       stroke_width=pal.width(1.2))
    for shift in (4, 8):
        el(g, "path", d=d("M", box.x, top + shift, "A", rx, ry, 0, 0, 0, box.right, top + shift), fill="none",
           stroke=pal.stroke, stroke_width=pal.width(1.2))
    return [labels.external(g, item.name, box, item.label, pal, item.text_size)]


def annotation(g, item: Item, pal: Palette) -> list[Box]:
    box = item.bounds
    arm = box.x + min(15, box.w)
    el(g, "path", d=d("M", arm, box.y, "H", box.x, "V", box.bottom, "H", arm), fill="none", stroke=pal.stroke, stroke_width=pal.width(1.2))
    text = next((c for c in item.element if local(c.tag) == "text"), None)
    content = clean_text(text.text if text is not None else item.element.get("name"))
    return [labels.inside(g, content, box, pal, item.text_size, align="left", valign="top")]


def group(g, item: Item, pal: Palette, ctx: Context) -> list[Box]:
    box = item.bounds
    rect(g, box, pal, width=1.5, rx=10, fill="none", stroke_dasharray="10,4,2,4")
    category = ctx.element(item.element.get("categoryValueRef"))
    name = clean_text(category.get("value")) if category is not None else item.name
    if item.label is not None:
        return [labels.external(g, name, box, item.label, pal, item.text_size)]
    return [labels.inside(g, name, box, pal, item.text_size, valign="top")]


def generic(g, item: Item, pal: Palette) -> list[Box]:
    """An element this renderer has no symbol for (choreographies, conversations): its box."""
    rect(g, item.bounds, pal, width=1, rx=4)
    return [labels.inside(g, item.name, item.bounds, pal, item.text_size)]

"""The server-side diagram renderer: every MIWG reference diagram (written by real modelers) and the
project's own diagrams are drawn from their diagram interchange, every shape and edge once at its
DI coordinates, as safe, well-formed SVG that librsvg rasterises; marks colour the dossier's
steps; hostile files are refused or neutralised."""
from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from lxml import etree

from engine.diagram_svg import DiagramRenderError, render_svg
from engine.diagram_svg.geometry import fmt
from engine.diagram_svg.labels import text_width
from engine.diagram_svg.style import STATES

ROOT = Path(__file__).resolve().parents[2]
MIWG = sorted((ROOT.parent / "shared" / "bpmn-miwg").glob("*.bpmn"))
OWN = sorted((ROOT / "bpmn").glob("*.bpmn"))
LLTP = ROOT / "bpmn" / "cap_phieu_ly_lich_tu_phap.bpmn"
MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL"
SVG = "http://www.w3.org/2000/svg"
S = {"s": SVG}
DRAWING_TAGS = {"svg", "g", "title", "path", "rect", "circle", "ellipse", "text", "tspan"}
TASKS = {"task", "userTask", "serviceTask", "scriptTask", "sendTask", "receiveTask", "manualTask",
         "businessRuleTask", "callActivity", "subProcess", "transaction", "adHocSubProcess"}
EVENTS = {"startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent"}
LLTP_MARKS = {"Task_tiep_nhan": "done", "Task_tra_cuu": "current", "Task_y_kien_cong_an": "late"}
needs_miwg = pytest.mark.skipif(not MIWG, reason="../shared/bpmn-miwg is not beside the project")


def local(tag) -> str:
    return etree.QName(tag).localname


def parse_svg(text: str):
    return etree.fromstring(text.encode())


def expected_di(xml: bytes, diagram_index: int = 0):
    """What the renderer must draw, read straight from the file: {bpmn id: (kind, DI element)}."""
    root = etree.fromstring(xml)
    ids = {e.get("id"): e for e in root.iter(f"{{{MODEL}}}*") if e.get("id")}
    diagram = [d for d in root if local(d.tag) == "BPMNDiagram"][diagram_index]
    found = {}
    for di in diagram.iter("{*}BPMNShape", "{*}BPMNEdge"):
        element = ids.get(di.get("bpmnElement"))
        if element is not None:
            found[element.get("id")] = (local(element.tag), di)
    return found


def groups_by_id(svg_root) -> dict:
    groups = {}
    for node in svg_root.iter():
        if node.get("data-element-id") is not None:
            groups.setdefault(node.get("data-element-id"), []).append(node)
    return groups


def view_box(svg_root) -> tuple[float, ...]:
    return tuple(float(v) for v in svg_root.get("viewBox").split())


def assert_safe(svg_root) -> None:
    """Nothing that runs, loads or styles from outside: only drawing elements and attributes."""
    for node in svg_root.iter():
        assert etree.QName(node).namespace == SVG
        assert local(node.tag) in DRAWING_TAGS, local(node.tag)
        for name, value in node.attrib.items():
            assert not name.lower().startswith("on"), name
            assert "href" not in name and name != "style", name
            assert "url(" not in value and "javascript:" not in value.lower()


# --- the MIWG reference diagrams ---------------------------------------------------------------

@needs_miwg
@pytest.mark.parametrize("path", MIWG, ids=[p.name for p in MIWG])
def test_reference_diagram_drawn_from_its_interchange(path):
    xml = path.read_bytes()
    svg = render_svg(xml)
    root = parse_svg(svg)  # well-formed
    assert root.tag == f"{{{SVG}}}svg" and root.get("role") == "img" and root.get("width") == "100%"
    assert_safe(root)
    expected = expected_di(xml)
    groups = groups_by_id(root)
    assert set(groups) == set(expected)
    for element_id, (kind, _) in expected.items():
        assert len(groups[element_id]) == 1, element_id
        assert groups[element_id][0].get("class").split()[0] == f"bpmn-{kind}"
    x, y, w, h = view_box(root)
    for _, di in expected.values():
        for node in di.iter("{*}Bounds", "{*}waypoint"):
            px, py = float(node.get("x")), float(node.get("y"))
            right = px + float(node.get("width", 0))
            bottom = py + float(node.get("height", 0))
            assert x <= px and y <= py and right <= x + w and bottom <= y + h


@needs_miwg
@pytest.mark.parametrize("path", MIWG, ids=[p.name for p in MIWG])
def test_shapes_sit_at_their_di_bounds(path):
    xml = path.read_bytes()
    groups = groups_by_id(parse_svg(render_svg(xml)))
    checked = 0
    for element_id, (kind, di) in expected_di(xml).items():
        bounds = di.find("{*}Bounds")
        if bounds is None:
            continue
        bx, by, bw, bh = (float(bounds.get(a)) for a in ("x", "y", "width", "height"))
        group = groups[element_id][0]
        if kind in TASKS or kind in ("participant", "lane"):
            outline = group.find("s:rect", S)
            assert [outline.get(a) for a in ("x", "y", "width", "height")] == [fmt(bx), fmt(by), fmt(bw), fmt(bh)]
            checked += 1
        elif kind in EVENTS:
            outline = group.find("s:circle", S)
            assert (outline.get("cx"), outline.get("cy")) == (fmt(bx + bw / 2), fmt(by + bh / 2))
            checked += 1
        elif kind.endswith("Gateway"):  # the diamond's first corner is the top of the bounds
            assert group.find("s:path", S).get("d").startswith(f"M {fmt(bx + bw / 2)} {fmt(by)} L")
            checked += 1
    assert checked


@needs_miwg
def test_process_id_picks_the_diagram_that_shows_it():
    path = next(p for p in MIWG if p.name == "C.4.0.bpmn")
    xml = path.read_bytes()
    root = etree.fromstring(xml)
    participants = {p.get("processRef"): p.get("name") for p in root.iter(f"{{{MODEL}}}participant")}
    diagrams = [d for d in root if local(d.tag) == "BPMNDiagram"]
    assert len(diagrams) == 4
    for index, diagram in enumerate(diagrams):
        collaboration = root.xpath("//*[@id=$i]", i=diagram[0].get("bpmnElement"))[0]
        process = collaboration.find(f"{{{MODEL}}}participant").get("processRef")
        svg = parse_svg(render_svg(xml, process_id=process))
        assert set(groups_by_id(svg)) == set(expected_di(xml, index))
        assert participants[process] in "".join(svg.itertext())
    # A plane that shows a process directly (C.5.0's second diagram).
    c5 = next(p for p in MIWG if p.name == "C.5.0.bpmn").read_bytes()
    second = parse_svg(render_svg(c5, process_id="_774bc005-0917-43d5-ab70-0f9fe123fbd1"))
    assert set(groups_by_id(second)) == set(expected_di(c5, 1))
    with pytest.raises(DiagramRenderError, match="không có sơ đồ"):
        render_svg(xml, process_id="no_such_process")


@needs_miwg
def test_exclusive_gateway_marker_only_when_modeler_asks():
    """bpmn.io's rule: the X shows only with isMarkerVisible="true"."""
    xml = next(p for p in MIWG if p.name == "B.2.0.bpmn").read_bytes()
    groups = groups_by_id(parse_svg(render_svg(xml)))
    for element_id, (kind, di) in expected_di(xml).items():
        if kind == "exclusiveGateway":
            drawn = len(groups[element_id][0].findall("s:path", S))
            assert drawn == (3 if di.get("isMarkerVisible") == "true" else 1), element_id


@pytest.mark.skipif(shutil.which("rsvg-convert") is None, reason="rsvg-convert (librsvg2-bin) is not installed")
@pytest.mark.parametrize("name", ["A.1.0", "A.4.1", "B.2.0", "C.1.0", "C.6.0", "C.9.2"])
def test_librsvg_rasterises_reference_diagrams(name, tmp_path):
    path = ROOT.parent / "shared" / "bpmn-miwg" / f"{name}.bpmn"
    if not path.exists():
        pytest.skip("reference set not present")
    png = rasterise(render_svg(path.read_bytes()), tmp_path)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def rasterise(svg: str, tmp_path: Path, width: int | None = None) -> bytes:
    source, target = tmp_path / "d.svg", tmp_path / "d.png"
    source.write_text(svg, encoding="utf-8")
    command = ["rsvg-convert", "-b", "white", "-o", str(target), str(source)]
    if width:
        command[1:1] = ["-w", str(width)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and not done.stderr, done.stderr
    return target.read_bytes()


# --- the project's own diagrams, with a dossier's marks ----------------------------------------

@pytest.mark.skipif(shutil.which("rsvg-convert") is None, reason="rsvg-convert (librsvg2-bin) is not installed")
def test_marked_steps_are_coloured_in_the_rendered_picture(tmp_path):
    """Rasterised by librsvg with no stylesheet, each marked task's inside has its state's fill."""
    from PIL import Image
    xml = LLTP.read_bytes()
    svg = render_svg(xml, marks=LLTP_MARKS)
    x, y, w, h = view_box(parse_svg(svg))
    image = Image.open(io.BytesIO(rasterise(svg, tmp_path))).convert("RGB")
    # librsvg rounds a fractional size up, Python's round() halves to even: within a pixel.
    assert abs(image.size[0] - w) <= 1 and abs(image.size[1] - h) <= 1, (image.size, w, h)
    for element_id, state in LLTP_MARKS.items():
        bounds = expected_di(xml)[element_id][1].find("{*}Bounds")
        # A point inside the task's top-right corner: off the icon, the text and boundary events.
        px = float(bounds.get("x")) + float(bounds.get("width")) - 8 - x
        py = float(bounds.get("y")) + 8 - y
        want = STATES[state].fill
        assert image.getpixel((round(px), round(py))) == tuple(int(want[i:i + 2], 16) for i in (1, 3, 5))


def test_marks_carry_state_class_colours_and_vietnamese_title():
    xml = LLTP.read_bytes()
    flow = next(i for i, (kind, _) in expected_di(xml).items() if kind == "sequenceFlow")
    marks = {**LLTP_MARKS, flow: "done", "No_such_element": "late", "Task_phe_duyet": "exploded"}
    root = parse_svg(render_svg(xml, marks=marks))
    groups = groups_by_id(root)
    assert "No_such_element" not in groups
    assert groups["Task_phe_duyet"][0].get("class") == "bpmn-userTask"  # an unknown state is ignored
    titles = {"done": "Đã hoàn thành", "current": "Đang xử lý", "late": "Quá hạn"}
    for element_id, state in {**LLTP_MARKS, flow: "done"}.items():
        group = groups[element_id][0]
        assert f"state-{state}" in group.get("class").split()
        assert titles[state] in group.find("s:title", S).text
        outline = group.find("s:rect", S) if element_id != flow else group.find("s:path", S)
        assert outline.get("stroke") == STATES[state].stroke
        if element_id != flow:
            assert outline.get("fill") == STATES[state].fill
    task = groups["Task_tiep_nhan"][0]
    assert task.find("s:title", S).text == "Tiếp nhận hồ sơ: Đã hoàn thành"
    unmarked = groups["Task_phe_duyet"][0]
    assert unmarked.find("s:title", S) is None and unmarked.find("s:rect", S).get("fill") == "#ffffff"
    assert len({STATES[s].fill for s in STATES}) == 3 and len({STATES[s].stroke for s in STATES}) == 3


@pytest.mark.parametrize("path", OWN, ids=[p.name for p in OWN])
def test_own_diagrams_keep_vietnamese_names(path):
    xml = path.read_bytes()
    svg = render_svg(xml, marks=LLTP_MARKS)
    root = parse_svg(svg)
    assert_safe(root)
    text = " ".join(" ".join(t.itertext()) for t in root.iter(f"{{{SVG}}}text"))
    model = etree.fromstring(xml)
    for element in model.iter(f"{{{MODEL}}}lane", f"{{{MODEL}}}userTask"):
        for word in element.get("name").split():
            assert unicodedata.normalize("NFC", word) in text
    assert unicodedata.is_normalized("NFC", svg)  # its speed: scripts/bench_workspace.py (the dossier page)


def test_same_input_same_bytes():
    xml = LLTP.read_bytes()
    assert render_svg(xml, marks=LLTP_MARKS, title="Hồ sơ") == render_svg(xml, marks=LLTP_MARKS, title="Hồ sơ")


def test_accessible_name():
    root = parse_svg(render_svg(LLTP.read_bytes(), title="Quy trình của hồ sơ 000.00.12.H08-260213-0001"))
    title = root.find("s:title", S)
    assert root[0] is title and root.get("aria-labelledby") == title.get("id")
    assert title.text == "Quy trình của hồ sơ 000.00.12.H08-260213-0001"
    default = parse_svg(render_svg(LLTP.read_bytes())).find("s:title", S).text
    assert default  # the diagram's or the pool's name


# --- small hand-made files: text handling and hostile input --------------------------------------

def diagram(task_name: str = "Tiếp nhận", task_ref: str = "T1", shape_attrs: str = "",
            start_name: str = "Bắt đầu") -> bytes:
    """A start event, a user task and the flow between them, with their diagram interchange."""
    from xml.sax.saxutils import quoteattr
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="{MODEL}" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
    xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
    xmlns:color="http://www.omg.org/spec/BPMN/non-normative/color/1.0" id="D">
  <bpmn:process id="P" isExecutable="true">
    <bpmn:startEvent id="S1" name={quoteattr(start_name)}/>
    <bpmn:userTask id="T1" name={quoteattr(task_name)}/>
    <bpmn:sequenceFlow id="F1" sourceRef="S1" targetRef="T1"/>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="DI1"><bpmndi:BPMNPlane id="PL1" bpmnElement="P">
    <bpmndi:BPMNShape id="S1_di" bpmnElement="S1">
      <dc:Bounds x="100" y="100" width="36" height="36"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="T1_di" bpmnElement="{task_ref}" {shape_attrs}>
      <dc:Bounds x="200" y="78" width="100" height="80"/></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="F1_di" bpmnElement="F1">
      <di:waypoint x="136" y="118"/><di:waypoint x="200" y="118"/></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>""".encode()


def test_long_vietnamese_name_wraps_inside_the_task():
    name = "Thẩm định hồ sơ và xác minh thông tin lý lịch tư pháp của người yêu cầu"
    root = parse_svg(render_svg(diagram(task_name=name)))
    task = groups_by_id(root)["T1"][0]
    lines = [span.text for span in task.iter(f"{{{SVG}}}tspan")]
    assert len(lines) > 2 and " ".join(lines) == name
    assert all(text_width(line, 12) <= 90 for line in lines)
    ys = [float(span.get("y")) for span in task.iter(f"{{{SVG}}}tspan")]
    assert 78 < ys[0] and ys[-1] < 78 + 80


def test_decomposed_vietnamese_arrives_composed():
    decomposed = unicodedata.normalize("NFD", "Phê duyệt, ký Phiếu")
    svg = render_svg(diagram(task_name=decomposed))
    assert shown(groups_by_id(parse_svg(svg))["T1"][0]) == "Phê duyệt, ký Phiếu"
    assert unicodedata.is_normalized("NFC", svg)


def test_markup_in_a_name_stays_text():
    name = 'Duyệt <script>alert("x")</script> & "ký" <foreignObject/>'
    svg = render_svg(diagram(task_name=name, start_name='"><svg onload=alert(1)>'))
    root = parse_svg(svg)
    assert_safe(root)
    assert "<script" not in svg and "&lt;script&gt;" in svg
    groups = groups_by_id(root)
    # A word too long for the task is cut across lines: compare without the cuts.
    assert shown(groups["T1"][0]).replace(" ", "") == name.replace(" ", "")
    assert shown(groups["S1"][0]) == '"><svg onload=alert(1)>'


def shown(group) -> str:
    """The text a group shows, its wrapped lines joined back with the spaces they were cut at."""
    return " ".join(span.text for span in group.iter(f"{{{SVG}}}tspan"))


def test_entity_bomb_and_doctype_are_refused():
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">
<bpmn:process id="P" name="&lol3;"/></bpmn:definitions>"""
    external = b"""<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">
<bpmn:process id="P" name="&x;"/></bpmn:definitions>"""
    plain_doctype = diagram().replace(b"<bpmn:definitions", b"<!DOCTYPE bpmn:definitions>\n<bpmn:definitions", 1)
    for hostile in (bomb, external, plain_doctype):
        with pytest.raises(DiagramRenderError) as refused:
            render_svg(hostile)
        assert "Tệp" in str(refused.value)


@pytest.mark.parametrize("content, says", [
    (b"", "XML"),
    (b"this is not xml", "XML"),
    (b"<html><body>hello</body></html>", "BPMN"),
    (b'<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">'
     b'<bpmn:process id="P"/></bpmn:definitions>', "BPMNDiagram"),
])
def test_files_that_cannot_be_drawn_say_why_in_vietnamese(content, says):
    with pytest.raises(DiagramRenderError) as refused:
        render_svg(content)
    assert says in str(refused.value) and "Tệp" in str(refused.value)


def test_shape_pointing_nowhere_is_skipped():
    root = parse_svg(render_svg(diagram(task_ref="Nowhere")))
    groups = groups_by_id(root)
    assert set(groups) == {"S1", "F1"}


def test_broken_coordinates_and_foreign_colours_are_not_copied():
    xml = diagram(shape_attrs='color:background-color="url(https://example.org/x)" color:border-color="#12ab34"')
    root = parse_svg(render_svg(xml.replace(b'x="100" y="100"', b'x="NaN" y="100"')))
    assert_safe(root)
    groups = groups_by_id(root)
    assert set(groups) == {"T1", "F1"}  # the start event has no usable bounds
    outline = groups["T1"][0].find("s:rect", S)
    assert outline.get("stroke") == "#12ab34" and outline.get("fill") == "#ffffff"
    assert "nan" not in root.get("viewBox").lower()

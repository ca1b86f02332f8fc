"""`scorer score --html`: one self-contained dashboard page for a batch — the ranking, the
reports × requirements heat map, the key figures as small charts, and each report's evidence a
click away.

The page loads nothing from anywhere: CSS, script and data are inline, the charts are SVG drawn by
the script. The results travel as one JSON value inside a `<script type="application/json">`
element, with `<`, `>` and `&` escaped, so no report text can close the element; the script puts
report text on the page only through `textContent` and attribute values, never as markup.
"""

from __future__ import annotations

import json
import os
from html import escape
from typing import Any

from ..presentation import EVIDENCE_KIND_LABELS, LEVEL_LABELS, REASON_LABELS, STATUS_LABELS, target_sign
from ..result import STATUSES, RunResult
from ..rubric.model import Rubric
from .atomic import write_text_atomic
from .ranking import ranked, year_of

STATUS_CODES = {"met": "m", "partial": "p", "missing": "x", "n/a": "n"}


def write_dashboard(run: RunResult, rubric: Rubric, path: str | os.PathLike[str]) -> None:
    write_text_atomic(path, render(run, rubric))


def render(run: RunResult, rubric: Rubric) -> str:
    title = f"法治政府建设情况报告评分看板（{len(run.reports)} 份报告）"
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            # Nothing may be fetched: not even a favicon request leaves the page.
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n",
            f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n",
            f'<header><h1>{escape(title)}</h1><p class="meta">{escape(_provenance(run))}</p></header>\n',
            '<noscript><p class="warn">本页面需要启用 JavaScript 才能显示图表和明细。</p></noscript>\n',
            '<main id="app"></main>\n',
            f'<script type="application/json" id="data">{_script_json(_data(run, rubric))}</script>\n',
            f"<script>{_JS}</script>\n</body>\n</html>\n",
        ]
    )


def _provenance(run: RunResult) -> str:
    return (
        f"评分标准：{run.rubric.title}（{run.rubric.id} 版本 {run.rubric.version}）· "
        f"{run.tool_name} {run.tool_version} · 评分时间 {run.run_date}"
    )


def _script_json(value: Any) -> str:
    """JSON that cannot end its <script> element or open a comment, whatever the strings hold."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _data(run: RunResult, rubric: Rubric) -> dict[str, Any]:
    requirements: dict[str, list[str]] = {r.id: [r.id, r.title, r.pillar] for r in rubric.requirements if r.enabled}
    for report in run.reports:
        for r in report.requirements:
            requirements.setdefault(r.id, [r.id, r.title, r.pillar])
    columns = list(requirements)
    order = ranked(run.reports)
    reports = []
    for index, rank in order:
        report = run.reports[index]
        by_id = {r.id: r for r in report.requirements}
        reports.append(
            {
                "region": report.region_full or report.region or "",
                "short": report.region or "",
                "level": LEVEL_LABELS.get(report.level or "", ""),
                "issuer": report.issuer or "",
                "year": year_of(report),
                "score": report.score,
                "grade": report.grade,
                "rank": rank,
                "points": report.points,
                "max": report.max_points,
                "source": report.source,
                # with `score --baseline`: last year's score, the change, the share copied from last year
                "before": report.baseline.score if report.baseline else None,
                "delta": report.baseline.delta if report.baseline else None,
                "copied": report.copied.from_baseline.share if report.copied and report.copied.from_baseline else None,
                "counts": [sum(r.counted_status == s for r in report.requirements) for s in STATUSES],
                "statuses": "".join(
                    STATUS_CODES.get(by_id[c].counted_status, "n") if c in by_id else "-" for c in columns
                ),
                "pillars": [p.percent for p in report.pillars],
                "requirements": [
                    [
                        r.id,
                        STATUS_CODES.get(r.counted_status, "n"),
                        REASON_LABELS.get(r.reason, r.reason),
                        r.counted_points,
                        r.counted_max,
                        [
                            [e.kind == "achievement", EVIDENCE_KIND_LABELS.get(e.kind, e.kind), e.quote, e.section]
                            for e in r.evidence
                        ],
                        r.guidance if r.status in ("partial", "missing") else "",
                    ]
                    for r in report.requirements
                ],
                "figures": [[m.name, m.value, m.unit, m.scope, m.approx, m.meets_target] for m in report.metrics],
            }
        )
    # each figure: [position of the report in `reports`, value, scope, meets the target]
    metrics = [
        {
            "id": metric.id,
            "name": metric.name,
            "unit": metric.unit,
            # as the caption prints it (≥ 100%), and the number the chart draws its line at
            "target": target_sign(metric.target, metric.unit) if metric.target else "",
            "targetValue": metric.target.value if metric.target else None,
            "values": [
                [n, v.value, v.scope, v.meets_target]
                for n, (index, _) in enumerate(order)
                for v in run.reports[index].metrics
                if v.id == metric.id
            ],
        }
        for metric in rubric.metrics
    ]
    return {
        "statusLabels": [STATUS_LABELS[s] for s in STATUSES],
        "statusCodes": [STATUS_CODES[s] for s in STATUSES],
        "requirements": [requirements[c] for c in columns],
        "pillars": [[p.id, p.title] for p in rubric.pillars],
        "grades": [[g.min, g.label] for g in sorted(rubric.scoring.grades, key=lambda g: -g.min)],
        "reports": reports,
        "metrics": metrics,
        "errors": [[e.source, e.error] for e in run.failures],
    }


_CSS = """
:root{--met:#3a9a5b;--partial:#e0a526;--missing:#d04a4a;--na:#c8c8c8;--ink:#1f2937;--muted:#6b7280;--line:#e5e7eb;--accent:#305496}
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;color:var(--ink);background:#f6f7f9;font-size:14px}
header{background:var(--accent);color:#fff;padding:14px 24px}
header h1{margin:0;font-size:20px}
.meta{margin:4px 0 0;font-size:12px;opacity:.85}
main{padding:16px 24px;display:grid;gap:16px}
section{background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px 16px}
h2{font-size:16px;margin:0 0 10px}
.tiles{display:flex;flex-wrap:wrap;gap:12px}
.tile{border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:110px}
.tile b{display:block;font-size:22px}
.tile span{color:var(--muted);font-size:12px}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:12px}
.chart{border:1px solid var(--line);border-radius:6px;padding:8px}
.chart h3{font-size:13px;margin:0 0 4px}
.chart p{margin:2px 0 0;font-size:12px;color:var(--muted)}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
th{background:#eef2f8;font-weight:600;position:sticky;top:0}
tr.pick{cursor:pointer}
tr.pick:hover{background:#f0f6ff}
tr.selected{background:#dbeafe}
.bar{display:inline-block;height:10px;background:var(--accent);border-radius:2px;vertical-align:middle;margin-right:6px}
.num{text-align:right;font-variant-numeric:tabular-nums}
.scroll{max-height:520px;overflow:auto}
.heat td{padding:0;border:1px solid #fff;width:12px;min-width:12px;height:14px;cursor:pointer}
.heat th.name{white-space:nowrap;font-weight:normal;background:#fff;position:sticky;left:0;padding:0 6px;font-size:12px}
.heat thead th{font-size:10px;padding:0;writing-mode:vertical-rl;height:70px;font-weight:normal;background:#fff}
.s-m{background:var(--met)}.s-p{background:var(--partial)}.s-x{background:var(--missing)}.s-n{background:var(--na)}
.chip{display:inline-block;border-radius:3px;padding:0 6px;color:#fff;font-size:12px;margin-right:6px;white-space:nowrap}
.legend .chip{margin-right:12px}
.req{border-top:1px solid var(--line);padding:6px 0}
.req h4{margin:0;font-size:14px;font-weight:600}
.req .why{color:var(--muted);font-size:12px;margin-left:6px}
.ev{margin:4px 0 0 18px;font-size:13px}
.ev q{quotes:"“" "”"}
.ev .where{color:var(--muted);font-size:12px}
.guide{margin:4px 0 0 18px;font-size:12px;color:#7f6000}
.warn{color:var(--missing)}
.note{color:var(--muted);font-size:12px}
"""

# The script builds every element with createElement / textContent: report text never becomes markup.
_JS = r"""
(function(){
"use strict";
var D=JSON.parse(document.getElementById("data").textContent);
var SVG="http://www.w3.org/2000/svg";
var LABEL={};D.statusCodes.forEach(function(c,i){LABEL[c]=D.statusLabels[i];});
function el(tag,attrs,text){var e=document.createElement(tag);if(attrs){for(var k in attrs){e.setAttribute(k,attrs[k]);}}if(text!==undefined&&text!==null){e.textContent=String(text);}return e;}
function svg(tag,attrs){var e=document.createElementNS(SVG,tag);for(var k in attrs){e.setAttribute(k,attrs[k]);}return e;}
function section(title,id){var s=el("section",{id:id});s.appendChild(el("h2",null,title));app.appendChild(s);return s;}
function fmt(x){return (Math.round(x*10)/10).toString();}
function niceCeil(x){if(!(x>0)){return 1;}var p=Math.pow(10,Math.floor(Math.log10(x)));return Math.ceil(x/p*2)/2*p;}
var app=document.getElementById("app");
var R=D.reports;

// ---------------------------------------------------------------- key numbers
var tiles=section("概况","summary");var t=el("div",{class:"tiles"});tiles.appendChild(t);
function tile(value,label){var d=el("div",{class:"tile"});d.appendChild(el("b",null,value));d.appendChild(el("span",null,label));t.appendChild(d);}
tile(R.length,"份报告");
if(R.length){tile(fmt(R.reduce(function(a,r){return a+r.score;},0)/R.length),"平均得分");}
D.grades.forEach(function(g){tile(R.filter(function(r){return r.grade===g[1];}).length,g[1]);});
if(D.errors.length){tile(D.errors.length,"个文件无法读取");}
var years={};R.forEach(function(r){years[r.year]=1;});var yearList=Object.keys(years);
if(yearList.length>1){tiles.appendChild(el("p",{class:"note"},"本批报告涉及 "+yearList.length+" 个年度（"+yearList.join("、")+"），按年度分组、分别排名。"));}

// ---------------------------------------------------------------- small charts
var charts=section("主要指标与得分分布","charts");var grid=el("div",{class:"charts"});charts.appendChild(grid);
function chartBox(title,caption){var c=el("div",{class:"chart"});c.appendChild(el("h3",null,title));grid.appendChild(c);var s=svg("svg",{viewBox:"0 0 300 90",width:"100%",role:"img"});c.appendChild(s);if(caption){c.appendChild(el("p",null,caption));}return s;}
(function(){ // score histogram, 10-point bins
  var bins=new Array(10).fill(0);R.forEach(function(r){bins[Math.min(9,Math.floor(r.score/10))]++;});
  var top=Math.max.apply(null,bins.concat([1]));var s=chartBox("得分分布","每格 10 分，共 "+R.length+" 份");
  bins.forEach(function(n,i){var h=60*n/top;var b=svg("rect",{x:10+i*28,y:70-h,width:24,height:h,fill:"#305496"});var tt=svg("title",{});tt.textContent=(i*10)+"–"+(i*10+10)+" 分："+n+" 份";b.appendChild(tt);s.appendChild(b);
    var l=svg("text",{x:22+i*28,y:84,"font-size":9,"text-anchor":"middle",fill:"#6b7280"});l.textContent=String(i*10);s.appendChild(l);});
})();
(function(){ // pillar averages
  var s=chartBox("各板块平均得分率（%）",null);var h=14;s.setAttribute("viewBox","0 0 300 "+(h*D.pillars.length+6));
  D.pillars.forEach(function(p,i){var vals=R.map(function(r){return r.pillars[i];}).filter(function(v){return v!==null&&v!==undefined;});
    var avg=vals.length?vals.reduce(function(a,b){return a+b;},0)/vals.length:0;
    var lab=svg("text",{x:0,y:i*h+h-3,"font-size":10,fill:"#1f2937"});lab.textContent=p[1].slice(0,13);s.appendChild(lab);
    var b=svg("rect",{x:150,y:i*h+1,width:1.2*avg,height:h-2,fill:"#3a9a5b"});var tt=svg("title",{});tt.textContent=p[1]+"："+fmt(avg)+"%";b.appendChild(tt);s.appendChild(b);
    var v=svg("text",{x:154+1.2*avg,y:i*h+h-3,"font-size":10,fill:"#6b7280"});v.textContent=fmt(avg);s.appendChild(v);});
})();
D.metrics.forEach(function(m){ // one strip per figure: every report's value, the target line, misses in red
  if(!m.values.length){return;}
  var percent=m.unit==="percent";var vals=m.values.map(function(v){return v[1];});
  var hi=percent?Math.max(100,Math.max.apply(null,vals)):niceCeil(Math.max.apply(null,vals));var lo=Math.min(0,Math.min.apply(null,vals));
  var missed=m.values.filter(function(v){return v[3]===false;}).length;
  var reporting={};m.values.forEach(function(v){reporting[v[0]]=1;});
  var cap=Object.keys(reporting).length+" 份报告填报"+(m.target?"，目标 "+m.target+"，"+missed+" 个数值未达标":"");
  var s=chartBox(m.name+(percent?"（%）":""),cap);
  function x(v){return 10+280*(Math.max(lo,Math.min(hi,v))-lo)/((hi-lo)||1);}
  s.appendChild(svg("line",{x1:10,y1:60,x2:290,y2:60,stroke:"#9ca3af"}));
  [[lo,"start"],[(lo+hi)/2,"middle"],[hi,"end"]].forEach(function(a){var l=svg("text",{x:x(a[0]),y:78,"font-size":9,"text-anchor":a[1],fill:"#6b7280"});l.textContent=fmt(a[0]);s.appendChild(l);});
  if(m.targetValue!==null){s.appendChild(svg("line",{x1:x(m.targetValue),y1:8,x2:x(m.targetValue),y2:64,stroke:"#d04a4a","stroke-dasharray":"3 2"}));}
  m.values.forEach(function(v,i){var c=svg("circle",{cx:x(v[1]),cy:20+(i*7)%36,r:3.2,fill:v[3]===false?"#d04a4a":"#305496","fill-opacity":0.75,style:"cursor:pointer"});
    var tt=svg("title",{});var r=R[v[0]];tt.textContent=r.region+" "+r.year+"："+fmt(v[1])+(percent?"%":"")+(v[2]?"（"+v[2]+"）":"");c.appendChild(tt);
    c.addEventListener("click",function(){show(v[0]);});s.appendChild(c);});
});

// ---------------------------------------------------------------- ranking
var rankSec=section("排名（点击一行查看该报告的证据）","ranking");var wrap=el("div",{class:"scroll"});rankSec.appendChild(wrap);
var table=el("table");wrap.appendChild(table);var head=el("tr");table.appendChild(el("thead")).appendChild(head);
var hasBase=R.some(function(r){return r.before!==null;});
["排名","地区","层级","报告主体","年度","得分","等次"].concat(D.statusLabels).concat(hasBase?["上年得分","变化","与上年重复"]:[]).forEach(function(h){head.appendChild(el("th",null,h));});
var body=el("tbody");table.appendChild(body);var rows=[];
R.forEach(function(r,i){var tr=el("tr",{class:"pick","data-report":i});
  tr.appendChild(el("td",{class:"num"},r.rank));tr.appendChild(el("td",{title:r.source},r.region));tr.appendChild(el("td",null,r.level));
  tr.appendChild(el("td",null,r.issuer));tr.appendChild(el("td",null,r.year));
  var sc=el("td");sc.appendChild(el("span",{class:"bar",style:"width:"+Math.round(r.score)+"px"}));sc.appendChild(document.createTextNode(fmt(r.score)));tr.appendChild(sc);
  tr.appendChild(el("td",null,r.grade));r.counts.forEach(function(n){tr.appendChild(el("td",{class:"num"},n));});
  if(hasBase){tr.appendChild(el("td",{class:"num"},r.before===null?"—":fmt(r.before)));
    tr.appendChild(el("td",{class:"num"},r.delta===null?"—":(r.delta>0?"+":"")+fmt(r.delta)));
    tr.appendChild(el("td",{class:"num"},r.copied===null?"—":Math.round(100*r.copied)+"%"));}
  tr.addEventListener("click",function(){show(i);});body.appendChild(tr);rows.push(tr);});

// ---------------------------------------------------------------- heat map
var heatSec=section("要求落实热力图（行：报告，按名次；列：要求；点击格子查看证据）","heatmap");
var legend=el("p",{class:"legend"});D.statusCodes.forEach(function(c,i){legend.appendChild(el("span",{class:"chip s-"+c},D.statusLabels[i]));});heatSec.appendChild(legend);
var hwrap=el("div",{class:"scroll"});heatSec.appendChild(hwrap);var heat=el("table",{class:"heat"});hwrap.appendChild(heat);
var hh=el("tr");heat.appendChild(el("thead")).appendChild(hh);hh.appendChild(el("th",{class:"name"},""));
D.requirements.forEach(function(q){hh.appendChild(el("th",{title:q[0]+" "+q[1]},q[1].slice(0,6)));});
var hb=el("tbody");heat.appendChild(hb);
R.forEach(function(r,i){var tr=el("tr");tr.appendChild(el("th",{class:"name",title:r.region},r.rank+". "+r.short+" "+r.year));
  for(var k=0;k<r.statuses.length;k++){var c=r.statuses.charAt(k);var td=el("td",{class:c==="-"?"":"s-"+c,title:r.short+" · "+D.requirements[k][1]+"："+(LABEL[c]||"—"),"data-report":i,"data-req":D.requirements[k][0]});tr.appendChild(td);}
  hb.appendChild(tr);});
hb.addEventListener("click",function(e){var td=e.target.closest("td");if(td){show(+td.getAttribute("data-report"),td.getAttribute("data-req"));}});

// ---------------------------------------------------------------- one report's evidence
var detail=section("报告明细","detail");detail.appendChild(el("p",{class:"note"},"在排名、热力图或指标图中点击一份报告。"));
var titles={};D.requirements.forEach(function(q){titles[q[0]]=q[1];});
function show(i,focus,still){
  var r=R[i];rows.forEach(function(tr,n){tr.classList.toggle("selected",n===i);});
  while(detail.firstChild){detail.removeChild(detail.firstChild);}
  detail.appendChild(el("h2",null,r.region+" "+r.year+" · 得分 "+fmt(r.score)+"（"+r.grade+"，同年度第 "+r.rank+" 名）"));
  detail.appendChild(el("p",{class:"note"},"报告主体："+(r.issuer||"未识别")+" · 原始得分 "+fmt(r.points)+" / "+fmt(r.max)+" · 文件 "+r.source));
  if(r.figures.length){var f=el("p",{class:"note"});f.textContent="指标："+r.figures.map(function(m){return m[0]+" "+(m[4]?"约":"")+fmt(m[1])+(m[2]==="percent"?"%":"")+(m[3]?"（"+m[3]+"）":"")+(m[5]===false?"（未达标）":"");}).join("；");detail.appendChild(f);}
  var order={x:0,p:1,m:2,n:3};
  r.requirements.slice().sort(function(a,b){return order[a[1]]-order[b[1]];}).forEach(function(q){
    var d=el("div",{class:"req",id:"req-"+q[0]});var h=el("h4");h.appendChild(el("span",{class:"chip s-"+q[1]},LABEL[q[1]]));
    h.appendChild(document.createTextNode((titles[q[0]]||q[0])+"（"+fmt(q[3])+" / "+fmt(q[4])+"）"));h.appendChild(el("span",{class:"why"},q[2]));d.appendChild(h);
    q[5].forEach(function(e){var p=el("p",{class:"ev"});p.appendChild(el("span",{class:"chip s-"+(e[0]?"m":"p")},e[1]));p.appendChild(el("q",null,e[2]));if(e[3]){p.appendChild(el("span",{class:"where"}," 〔"+e[3]+"〕"));}d.appendChild(p);});
    if(q[6]){d.appendChild(el("p",{class:"guide"},"改进建议："+q[6]));}
    detail.appendChild(d);});
  var target=focus?document.getElementById("req-"+focus):detail;if(!still&&target&&target.scrollIntoView){target.scrollIntoView({block:"start"});}
}
if(D.errors.length){var es=section("无法读取的文件","errors");var ul=el("ul");D.errors.forEach(function(e){ul.appendChild(el("li",null,e[1]));});es.appendChild(ul);}
// a link to one report: dashboard.html#report-3 (its position in the ranking, from 1)
var wanted=/^#report-(\d+)$/.exec(location.hash);if(wanted&&R[+wanted[1]-1]){show(+wanted[1]-1,null,true);}
document.body.setAttribute("data-rendered",String(R.length));
})();
"""

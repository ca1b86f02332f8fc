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

import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { protectTable } from '/work/wt/h3/src/statistics/disclosure.ts';
const F='/work/wt/h3/test/fixtures/herefordshire/';
const counts = parse(readFileSync(F+'police_street_crime_counts_lsoa11_month.herefordshire.csv','utf8'),{columns:true}) as any[];
const geo = parse(readFileSync(F+'herefordshire_lsoa11_localities.csv','utf8'),{columns:true}) as any[];
const loc = new Map(geo.map((g:any)=>[g.lsoa11cd,g.locality_code])); const tier=new Map(geo.map((g:any)=>[g.locality_code,g.tier]));
const by: Record<string,number> = {};
for (const l of new Set(geo.map((g:any)=>g.locality_code))) by[l as string]=0;
for (const r of counts) if (r.crime_type===process.argv[2] && r.month===process.argv[3]) by[loc.get(r.lsoa11cd)]+=Number(r.count);
console.log(by);
const codes=Object.keys(by);
const totals:any = {}; for (const c of codes){ (totals[tier.get(c)] ??= []).push(c);} totals.COUNTY=codes;
const p = protectTable(codes.map(c=>({key:c,members:[c],count:by[c]})), Object.entries(totals).map(([k,m]:any)=>({key:k,members:m,count:0})),5);
console.log(p.withheld);
const sum=(m:string[])=>m.reduce((s,c)=>s+by[c]!,0);
for (let i=0;i<codes.length;i++) for (let j=i+1;j<codes.length;j++) { const m=[codes[i]!,codes[j]!]; if (p.publishable(m)) console.log('pub', m.join('+'), sum(m)); for (let k=j+1;k<codes.length;k++){const m3=[...m,codes[k]!]; if (p.publishable(m3)) console.log('pub3', m3.join('+'), sum(m3));}}
import { disclosed } from '/work/wt/h3/test/statistics/attacker.ts';
const figs:any[] = [...codes.map(c=>({label:c,members:[c],value:p.withheld.has(c)?null:by[c]})), ...Object.entries(totals).map(([k,m]:any)=>({label:k,members:m,value:p.withheld.has(k)?null:sum(m)}))];
for (let i=0;i<codes.length;i++) for (let j=i+1;j<codes.length;j++) { const m=[codes[i]!,codes[j]!]; figs.push({label:m.join('+'),members:m,value:p.publishable(m)&&sum(m)>=5?sum(m):null}); for (let k=j+1;k<codes.length;k++){const m3=[...m,codes[k]!]; figs.push({label:m3.join('+'),members:m3,value:p.publishable(m3)&&sum(m3)>=5?sum(m3):null});}}
console.log(disclosed(figs, codes, 5));

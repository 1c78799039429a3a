import { groups } from './batch.bench';
const t0 = performance.now();
const mu = () => { const m = process.memoryUsage(); return `rss ${Math.round(m.rss/2**20)} heap ${Math.round(m.heapUsed/2**20)}/${Math.round(m.heapTotal/2**20)} ext ${Math.round(m.external/2**20)} ab ${Math.round(m.arrayBuffers/2**20)}`; };
console.error('start', mu());
const iv = setInterval(() => console.error(Math.round((performance.now()-t0)/1000)+'s', mu()), 5000);
void (async () => { console.log(JSON.stringify(await groups[Number(process.env.G ?? 0)]!.run())); clearInterval(iv); console.error('ms', performance.now() - t0, mu()); })();

/**
 * The intelligence half of the bundled sample (data/sample/intelligence/intelligence.json,
 * illustrative): items and assets at each sharing level across the nine localities, written in one
 * transaction after the partnership sample (authors and named partners are looked up by name).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RecordsClient } from '../db/records.js';
import type { AssetKind, IntelligenceSource, SharingLevel } from '../generated/prisma/sqlite/enums.js';
import { idLookup } from '../importing/references.js';
import { today } from '../days.js';
import { searchTextOf } from '../sharing/search.js';

interface SampleItem {
  title: string;
  body: string;
  source: IntelligenceSource;
  theme: string;
  observedInDays: number;
  localities: string[];
  countyWide?: boolean;
  indicators: string[];
  sharing: SharingLevel;
  author: string;
  sharedWith?: string[];
}
interface SampleAsset {
  name: string;
  kind: AssetKind;
  locality: string;
  parish: string;
  owner: string | null;
  contact: string | null;
  description: string;
  sharing: SharingLevel;
  author: string;
  sharedWith?: string[];
}

export async function loadIntelligenceSample(prisma: RecordsClient, dir: string) {
  const sample = JSON.parse(readFileSync(path.join(dir, 'intelligence.json'), 'utf8')) as { items: SampleItem[]; assets: SampleAsset[] };
  const [partners, localities, parishes] = await Promise.all([
    prisma.partner.findMany({ select: { id: true, name: true } }),
    prisma.locality.findMany({ select: { id: true, code: true } }),
    prisma.parish.findMany({ select: { id: true, code: true } }),
  ]);
  const partner = idLookup('intelligence sample', partners, (p) => p.name, 'partner');
  const locality = idLookup('intelligence sample', localities, (l) => l.code, 'locality');
  const parish = idLookup('intelligence sample', parishes, (p) => p.code, 'parish');
  const day0 = today();
  const shares = (names: string[] | undefined) => ({ create: (names ?? []).map((name) => ({ partnerId: partner(name) })) });

  await prisma.$transaction(async (tx) => {
    for (const item of sample.items) {
      await tx.intelligenceItem.create({
        data: {
          title: item.title,
          body: item.body,
          source: item.source,
          theme: item.theme,
          observedOn: new Date(day0.getTime() + item.observedInDays * 86_400_000),
          countyWide: item.countyWide ?? false,
          searchText: searchTextOf(item.title, item.body, item.theme),
          sharingLevel: item.sharing,
          authorPartnerId: partner(item.author),
          localities: { connect: item.localities.map((code) => ({ id: locality(code) })) },
          indicators: { create: item.indicators.map((indicatorId) => ({ indicatorId })) },
          sharedWith: shares(item.sharedWith),
        },
      });
    }
    for (const asset of sample.assets) {
      await tx.communityAsset.create({
        data: {
          name: asset.name,
          kind: asset.kind,
          localityId: locality(asset.locality),
          parishId: parish(asset.parish),
          ownerPartnerId: asset.owner ? partner(asset.owner) : null,
          contact: asset.contact,
          description: asset.description,
          searchText: searchTextOf(asset.name, asset.description),
          sharingLevel: asset.sharing,
          authorPartnerId: partner(asset.author),
          sharedWith: shares(asset.sharedWith),
        },
      });
    }
  });
  return { items: sample.items.length, assets: sample.assets.length };
}

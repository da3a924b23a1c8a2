import { NextRequest, NextResponse } from 'next/server';
// ok: unknown-dependency
import { prisma } from '@/lib/db';

export async function GET(request: NextRequest) {
  const { searchParams } = new URL(request.url);
  const category = searchParams.get('category');
  const q = searchParams.get('q') ?? '';

  if (category) {
    // ok: sql-injection
    const products = await prisma.$queryRaw`SELECT id, name, price FROM "Product" WHERE category = ${category}`;
    return NextResponse.json(products);
  }

  // expect: sql-injection
  const products = await prisma.$queryRawUnsafe(`SELECT id, name, price FROM "Product" WHERE name ILIKE '%${q}%'`);
  return NextResponse.json(products);
}

export async function DELETE(request: NextRequest) {
  const { id } = await request.json();
  // ok: sql-injection
  await prisma.$executeRawUnsafe('DELETE FROM "Product" WHERE id = $1', id);
  return new NextResponse(null, { status: 204 });
}

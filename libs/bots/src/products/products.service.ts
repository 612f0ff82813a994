import { Injectable } from '@nestjs/common';
import { notFound } from '@app/common';
import type { ProductRow } from '@app/db';
import type { Product } from '../bot-flow.contract.js';
import type { CatalogProduct } from '../engine/engine.types.js';
import type { CreateProductInput, ListProductsQuery, UpdateProductInput } from './dto/product.dto.js';
import { ProductsRepository } from './products.repository.js';

export function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    price: row.price,
    currency: row.currency,
    photoUrl: row.photoUrl,
    stock: row.stock,
    sku: row.sku,
    category: row.category,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The company's product table that bot catalogs sell from. */
@Injectable()
export class ProductsService {
  constructor(private readonly products: ProductsRepository) {}

  async list(query: ListProductsQuery) {
    const page = await this.products.list(query);
    return { items: page.items.map(toProduct), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<Product> {
    const row = await this.products.findById(id);
    if (!row) throw notFound('entity.product', id);
    return toProduct(row);
  }

  async create(input: CreateProductInput): Promise<Product> {
    return toProduct(await this.products.create({ ...input, description: input.description ?? null, photoUrl: input.photoUrl ?? null, sku: input.sku ?? null, category: input.category ?? null }));
  }

  async update(id: string, input: UpdateProductInput): Promise<Product> {
    const row = await this.products.update(id, input);
    if (!row) throw notFound('entity.product', id);
    return toProduct(row);
  }

  async delete(id: string): Promise<void> {
    if (!(await this.products.delete(id))) throw notFound('entity.product', id);
  }

  async catalog(): Promise<CatalogProduct[]> {
    return (await this.products.active()).map((p) => ({
      id: p.id,
      name: p.name,
      description: p.description,
      price: p.price,
      currency: p.currency,
      photoUrl: p.photoUrl,
      stock: p.stock,
      sku: p.sku,
      category: p.category,
    }));
  }
}

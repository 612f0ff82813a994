import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { ApiZodBody, ApiZodQuery, idSchema } from '@app/common';
import { createProductSchema, listProductsSchema, updateProductSchema, type CreateProductInput, type ListProductsQuery, type UpdateProductInput } from './dto/product.dto.js';
import { ProductsService } from './products.service.js';

@ApiTags('products')
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  @ApiZodQuery(listProductsSchema)
  @ApiOperation({ summary: 'Products of the catalog bots sell from, newest first; q searches name, SKU, category and description.' })
  list(@Query({ schema: listProductsSchema }) query: ListProductsQuery) {
    return this.products.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One product.' })
  get(@Param('id', { schema: idSchema }) id: string) {
    return this.products.get(id);
  }

  @Post()
  @Roles('admin', 'supervisor')
  @ApiZodBody(createProductSchema)
  @ApiOperation({ summary: 'Add a product: name, price (decimal string), currency, photo URL, stock (null: not counted), SKU, category, active.' })
  create(@Body({ schema: createProductSchema }) body: CreateProductInput) {
    return this.products.create(body);
  }

  @Patch(':id')
  @Roles('admin', 'supervisor')
  @ApiZodBody(updateProductSchema)
  @ApiOperation({ summary: 'Change a product; inactive products disappear from bot catalogs.' })
  update(@Param('id', { schema: idSchema }) id: string, @Body({ schema: updateProductSchema }) body: UpdateProductInput) {
    return this.products.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'Delete a product; deals that sold it keep their line items.' })
  async delete(@Param('id', { schema: idSchema }) id: string): Promise<void> {
    await this.products.delete(id);
  }
}

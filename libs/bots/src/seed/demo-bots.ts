import { Injectable } from '@nestjs/common';
import type { Trigger } from '../bot-flow.contract.js';
import { BotFlowsService } from '../flows/bot-flows.service.js';
import { ProductsService } from '../products/products.service.js';
import { supportFlow, telegramShopFlow } from './ready-flows.js';

const PRODUCTS = {
  ru: [
    { name: 'Кофе «Эфиопия Иргачеффе», 250 г', price: '890.00', stock: 40, sku: 'COF-ETH-250', category: 'Кофе', description: 'Светлая обжарка, ноты бергамота и жасмина.' },
    { name: 'Кофе «Бразилия Сантос», 1 кг', price: '2490.00', stock: 15, sku: 'COF-BRA-1000', category: 'Кофе', description: 'Средняя обжарка, шоколад и орех.' },
    { name: 'Френч-пресс 600 мл', price: '1750.00', stock: 8, sku: 'ACC-FP-600', category: 'Аксессуары', description: 'Жаропрочное стекло, сталь.' },
    { name: 'Кружка керамическая 350 мл', price: '650.00', stock: null, sku: 'ACC-MUG-350', category: 'Аксессуары', description: null },
  ],
  en: [
    { name: 'Ethiopia Yirgacheffe coffee, 250 g', price: '890.00', stock: 40, sku: 'COF-ETH-250', category: 'Coffee', description: 'Light roast, bergamot and jasmine.' },
    { name: 'Brazil Santos coffee, 1 kg', price: '2490.00', stock: 15, sku: 'COF-BRA-1000', category: 'Coffee', description: 'Medium roast, chocolate and nuts.' },
    { name: 'French press 600 ml', price: '1750.00', stock: 8, sku: 'ACC-FP-600', category: 'Accessories', description: 'Heat-proof glass, steel.' },
    { name: 'Ceramic mug 350 ml', price: '650.00', stock: null, sku: 'ACC-MUG-350', category: 'Accessories', description: null },
  ],
};

const NAMES = {
  ru: { shop: 'Магазин в Telegram', shopAbout: 'Каталог → корзина → форма заказа → подтверждение → сделка; менеджер получает уведомление.', support: 'Поддержка: частые вопросы', supportAbout: 'Кнопки с ответами на частые вопросы и передача оператору.' },
  en: { shop: 'Telegram shop', shopAbout: 'Catalog → cart → order form → confirm → deal; the manager is notified.', support: 'Support: FAQ', supportAbout: 'Buttons with answers to frequent questions and a handoff to an agent.' },
};

/** The demo workspace's products and its two ready flows, published. */
@Injectable()
export class DemoBots {
  constructor(
    private readonly flows: BotFlowsService,
    private readonly products: ProductsService,
  ) {}

  async seed(args: { locale: 'ru' | 'en'; inboxId: string; pipelineId: string; stageId: string }): Promise<void> {
    for (const product of PRODUCTS[args.locale]) await this.products.create({ ...product, currency: 'RUB', active: true });
    const names = NAMES[args.locale];
    // Until a Telegram bot is connected, the shop answers "shop" in the demo inbox; its /start trigger is added with the bot.
    const shopTriggers: Trigger[] = [{ type: 'keyword', inboxId: args.inboxId, keywords: args.locale === 'ru' ? ['магазин', 'каталог'] : ['shop', 'catalog'] }];
    const shop = await this.flows.create({ name: names.shop, description: names.shopAbout, document: telegramShopFlow({ pipelineId: args.pipelineId, stageId: args.stageId }), triggers: shopTriggers });
    await this.flows.publish(shop.id, null);
    const supportTriggers: Trigger[] = [{ type: 'keyword', inboxId: args.inboxId, keywords: args.locale === 'ru' ? ['помощь', 'вопрос'] : ['help', 'question'] }];
    const support = await this.flows.create({ name: names.support, description: names.supportAbout, document: supportFlow(), triggers: supportTriggers });
    await this.flows.publish(support.id, null);
  }
}

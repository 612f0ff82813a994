import type { FlowDocument } from '../bot-flow.contract.js';

/**
 * The flows the product ships with. Texts are in Russian and English; a session speaks the
 * customer's language, else the workspace's.
 */

/** Telegram shop: catalog → cart → order form → confirm → deal created (the owner is told through the staff bot). */
export function telegramShopFlow(placement: { pipelineId?: string; stageId?: string } = {}): FlowDocument {
  return {
    start: 'welcome',
    timeoutMinutes: 120,
    onTimeout: 'end',
    nodes: [
      { id: 'welcome', type: 'message', title: 'Welcome', position: { x: 0, y: 0 }, text: { ru: 'Здравствуйте! Это наш магазин: выберите товар, положите в корзину и оформите заказ прямо здесь.', en: 'Hello! This is our shop: pick a product, put it in the cart and order right here.' } },
      { id: 'catalog', type: 'catalog', title: 'Catalog', position: { x: 0, y: 140 }, text: { ru: 'Каталог: выберите товар', en: 'Catalog: choose a product' }, pageSize: 4 },
      { id: 'add', type: 'cart', title: 'Add to cart', position: { x: 300, y: 140 }, action: 'add' },
      { id: 'cart', type: 'cart', title: 'Cart', position: { x: 0, y: 280 }, action: 'show' },
      { id: 'form', type: 'order_form', title: 'Order form', position: { x: 0, y: 420 }, fields: ['name', 'phone', 'address', 'delivery_time'] },
      {
        id: 'confirm',
        type: 'message',
        title: 'Confirm',
        position: { x: 0, y: 560 },
        text: {
          ru: 'Проверьте заказ:\n{{cart.summary}}\nИтого: {{cart.totalText}}\n\nИмя: {{order.name}}\nТелефон: {{order.phone}}\nАдрес: {{order.address}}\nДоставка: {{order.deliveryTime}}\n\nВсё верно?',
          en: 'Please check your order:\n{{cart.summary}}\nTotal: {{cart.totalText}}\n\nName: {{order.name}}\nPhone: {{order.phone}}\nAddress: {{order.address}}\nDelivery: {{order.deliveryTime}}\n\nIs everything right?',
        },
        buttons: [[{ id: 'confirm', text: { ru: '✅ Подтвердить', en: '✅ Confirm' } }], [{ id: 'edit', text: { ru: '✏️ Изменить данные', en: '✏️ Change details' } }], [{ id: 'cancel', text: { ru: 'Отменить заказ', en: 'Cancel the order' } }]],
      },
      { id: 'deal', type: 'create_deal', title: 'Create the deal', position: { x: 0, y: 700 }, notifyOwner: true, clearCart: true, ...placement },
      { id: 'done', type: 'end', title: 'Thanks', position: { x: 0, y: 840 }, text: { ru: 'Спасибо! Заказ принят: {{deal.title}}, {{deal.amountText}}. Менеджер свяжется с вами, чтобы подтвердить доставку.', en: 'Thank you! Your order is in: {{deal.title}}, {{deal.amountText}}. A manager will contact you to confirm the delivery.' } },
      { id: 'failed', type: 'handoff', title: 'Could not order', position: { x: 300, y: 840 }, text: { ru: 'Не получилось оформить заказ автоматически — подключаю менеджера.', en: 'The order could not be placed automatically — a manager will take it from here.' } },
      { id: 'clear', type: 'cart', title: 'Clear the cart', position: { x: 300, y: 700 }, action: 'clear' },
      { id: 'cancelled', type: 'end', title: 'Cancelled', position: { x: 300, y: 980 }, text: { ru: 'Заказ отменён. Напишите /start, чтобы начать заново.', en: 'The order is cancelled. Send /start to begin again.' } },
    ],
    edges: [
      { from: 'welcome', to: 'catalog' },
      { from: 'catalog', to: 'add' },
      { from: 'add', to: 'catalog' },
      { from: 'add', to: 'catalog', on: 'error' },
      { from: 'catalog', to: 'cart', on: 'checkout' },
      { from: 'cart', to: 'form', on: 'checkout' },
      { from: 'cart', to: 'catalog', on: 'back' },
      { from: 'cart', to: 'catalog', on: 'empty' },
      { from: 'form', to: 'confirm' },
      { from: 'confirm', to: 'deal', on: 'confirm' },
      { from: 'confirm', to: 'form', on: 'edit' },
      { from: 'confirm', to: 'clear', on: 'cancel' },
      { from: 'clear', to: 'cancelled' },
      { from: 'deal', to: 'done' },
      { from: 'deal', to: 'failed', on: 'error' },
    ],
  };
}

/** Support: FAQ buttons answer at once; "talk to a person" hands the conversation to an agent. */
export function supportFlow(): FlowDocument {
  return {
    start: 'faq',
    timeoutMinutes: 30,
    onTimeout: 'end',
    nodes: [
      {
        id: 'faq',
        type: 'faq',
        title: 'FAQ',
        position: { x: 0, y: 0 },
        text: { ru: 'Здравствуйте! Выберите вопрос или позовите оператора.', en: 'Hello! Pick a question or ask for a person.' },
        items: [
          { id: 'delivery', question: { ru: 'Сроки доставки', en: 'Delivery times' }, answer: { ru: 'По Москве доставляем за 1–2 дня, по России — за 3–7 дней. Стоимость считается при оформлении заказа.', en: 'Within Moscow we deliver in 1–2 days, across Russia in 3–7 days. The price is shown when you order.' } },
          { id: 'payment', question: { ru: 'Оплата', en: 'Payment' }, answer: { ru: 'Принимаем карты, СБП и наличные курьеру. Юрлицам выставляем счёт.', en: 'We take cards, SBP and cash on delivery. Companies get an invoice.' } },
          { id: 'returns', question: { ru: 'Возврат и обмен', en: 'Returns and exchange' }, answer: { ru: 'Вернуть или обменять товар можно в течение 14 дней, если сохранены упаковка и чек.', en: 'You can return or exchange a product within 14 days if you keep the packaging and the receipt.' } },
          { id: 'hours', question: { ru: 'Часы работы', en: 'Opening hours' }, answer: { ru: 'Операторы отвечают по будням с 9:00 до 19:00 по Москве.', en: 'Our agents answer on weekdays from 9:00 to 19:00 Moscow time.' } },
        ],
        handoffText: { ru: '👤 Связаться с оператором', en: '👤 Talk to a person' },
        doneText: { ru: 'Спасибо, это всё', en: 'Thanks, that is all' },
      },
      { id: 'handoff', type: 'handoff', title: 'To an agent', position: { x: -200, y: 160 }, text: { ru: 'Соединяю с оператором — он ответит здесь же.', en: 'Connecting you to an agent — they will answer right here.' } },
      { id: 'bye', type: 'end', title: 'Bye', position: { x: 200, y: 160 }, text: { ru: 'Рады были помочь! Пишите, если появятся вопросы.', en: 'Glad to help! Write to us any time.' } },
    ],
    edges: [
      { from: 'faq', to: 'handoff', on: 'handoff' },
      { from: 'faq', to: 'bye', on: 'done' },
    ],
  };
}

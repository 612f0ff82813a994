import type { helpEn } from './catalog-help.en.js';

/** Тексты публичного справочного центра. */
export const helpRu: Record<keyof typeof helpEn, string> = {
  'help.title': 'Справочный центр',
  'help.tagline': 'Ответы на частые вопросы о заказах, доставке, возврате и оплате.',
  'help.search.label': 'Поиск по справочному центру',
  'help.search.placeholder': 'Например: вернуть товар',
  'help.search.button': 'Найти',
  'help.search.results': 'Результаты по запросу «{q}»',
  'help.search.none': 'По запросу «{q}» ничего не нашлось. Попробуйте другие слова, более короткий запрос или загляните в разделы ниже.',
  'help.categories': 'Разделы',
  'help.category.articles': 'Статей: {count}',
  'help.category.empty': 'В этом разделе пока нет статей.',
  'help.latest': 'Новые статьи',
  'help.uncategorized': 'Другие статьи',
  'help.empty': 'В справочном центре пока нет статей.',
  'help.breadcrumb.home': 'Справочный центр',
  'help.updated': 'Обновлено {date}',
  'help.language': 'Язык',
  'help.not_found.title': 'Страница не найдена',
  'help.not_found.text': 'Такой статьи нет или она снята с публикации. Воспользуйтесь поиском ниже или перейдите на главную страницу справочного центра.',
  'help.not_found.home': 'На главную справочного центра',
  'help.contact': 'Не нашли ответа? Напишите нам в чат на сайте — оператор поможет.',
};

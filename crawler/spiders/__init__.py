"""Spiders of the liveaudit crawler project (Scrapy SPIDER_MODULES)."""

"""wagtail-govinfo: the 四平市人民政府网站信息发布管理办法 as a headless Wagtail plugin."""

__version__ = "0.1.0"

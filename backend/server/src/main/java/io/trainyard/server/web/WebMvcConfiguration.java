package io.trainyard.server.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebMvcConfiguration implements WebMvcConfigurer {

    private final LayoutModelInterceptor layoutModel;

    WebMvcConfiguration(LayoutModelInterceptor layoutModel) {
        this.layoutModel = layoutModel;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(layoutModel).excludePathPatterns("/api/**", "/actuator/**");
    }
}
